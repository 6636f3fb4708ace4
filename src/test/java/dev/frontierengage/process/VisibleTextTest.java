package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What shows at least one visible character, and what shows nothing. */
class VisibleTextTest {

  /** Names and texts in every script, with accents and emoji (their joiners and selectors too), show. */
  @Test
  void ordinaryTextShows() {
    for (String shown : List.of("Roadrunner 4.1", "r", "1", ".", "Caf\u00e9", "Cafe\u0301", "\u0301",
        "\u6a21\u578b", "\u30ed\u30fc\u30c9\u30e9\u30f3\u30ca\u30fc", "\ud55c\uae00", "\u1100\u1161",
        "\u115f\u1161", "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
        "\u0928\u092e\u0938\u094d\u0924\u0947", "\ud83d\ude80", "\u2764\ufe0f",
        "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddfa\ud83c\uddf8", "\u2801", "\u3164x",
        " \u200b a \u200b ", "\ue000", "\ufffd")) {
      assertThat(VisibleText.shows(shown)).as(codePoints(shown)).isTrue();
    }
  }

  /**
   * Texts a reviewer reads as empty: spaces of any kind, zero-width and format characters,
   * variation selectors and tags alone, the Hangul fillers, a blank Braille pattern.
   */
  @Test
  void whatShowsNothingIsInvisible() {
    for (String nothing : List.of("", " ", "\t\r\n", "\u00a0", "\u2003", "\u3000", "\u2028\u2029", "\u0007",
        "\u200b", "\u200d", "\u200e\u200f", "\u202e", "\u2060", "\u2066", "\ufeff", "\u00ad", "\u034f", "\u061c",
        "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e", "\ufe0f", "\udb40\udd00", "\udb40\udc41",
        "\ud834\udd73", "\u17b4", "\u3164 \u2800", "\u115f\u1160\u3164\uffa0\u2800\u200b\u00a0")) {
      assertThat(VisibleText.shows(nothing)).as(codePoints(nothing)).isFalse();
    }
    assertThat(VisibleText.shows(null)).isFalse();
  }

  /** The table holds Unicode's Default_Ignorable_Code_Point, 4,174 code points, in order. */
  @Test
  void theTableIsUnicodesDefaultIgnorableCodePoints() {
    assertThat(IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(VisibleText::defaultIgnorable).count())
        .isEqualTo(4_174);
    for (int i = 1; i < VisibleText.DEFAULT_IGNORABLE.length; i++) {
      assertThat(VisibleText.DEFAULT_IGNORABLE[i][0]).as("range %d starts after the one before", i)
          .isGreaterThan(VisibleText.DEFAULT_IGNORABLE[i - 1][1] + 1);
    }
    for (int c : new int[] {0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B5, 0x180F, 0x200B, 0x206F, 0x3164,
        0xFE00, 0xFEFF, 0xFFA0, 0xFFF8, 0x1BCA3, 0x1D17A, 0xE0000, 0xE0FFF}) {
      assertThat(VisibleText.defaultIgnorable(c)).as(Integer.toHexString(c)).isTrue();
    }
    for (int c : new int[] {0x0020, 0x00AC, 0x00AE, 0x0600, 0x1161, 0x2800, 0x3165, 0xFFF9, 0xE1000, 'a'}) {
      assertThat(VisibleText.defaultIgnorable(c)).as(Integer.toHexString(c)).isFalse();
    }
  }

  private static String codePoints(String text) {
    return text.codePoints().mapToObj(c -> "U+" + Integer.toHexString(c).toUpperCase()).toList().toString();
  }
}
