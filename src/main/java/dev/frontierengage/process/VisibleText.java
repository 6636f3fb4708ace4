package dev.frontierengage.process;

/**
 * Whether a text shows anything on screen. A required text (a model's name or version, a
 * partner's name, a clarification, a withdrawal's reason, an API client's name, a reviewer's
 * note) must show at least one visible character: a text of nothing but spaces, zero-width or
 * filler characters is read by the next person as empty (a model named U+3164 HANGUL FILLER,
 * version U+2800 BRAILLE PATTERN BLANK, gave reviewers the task "Review intake:   (acme)"), and
 * {@link String#isBlank()} finds only white space.
 *
 * <p>Invisible here: white space and every space, line or paragraph separator; control
 * characters; format characters (Cf: a zero-width space, a direction mark, a word joiner, a tag);
 * every Default_Ignorable_Code_Point of Unicode ({@link #DEFAULT_IGNORABLE}: variation selectors,
 * the Hangul fillers, a combining grapheme joiner); and U+2800 BRAILLE PATTERN BLANK, a symbol
 * that is drawn as nothing. Everything else counts as visible: letters of any script, digits,
 * punctuation, symbols and emoji, a combining accent, a private-use or unassigned character
 * (drawn as a box). A visible text may hold invisible characters beside its visible ones (an
 * emoji's variation selector or joiner, a space between words); which of them a text may hold at
 * all is its own rule ({@link Submission#breaksALine}, {@link Submission#refusedInText}).
 */
public final class VisibleText {

  /**
   * Unicode's Default_Ignorable_Code_Point, from DerivedCoreProperties.txt as of Unicode 14.0
   * (4,174 code points), as ranges from and to, both included. Java 17's
   * character data is Unicode 13, and ICU is not on the classpath, so the table is kept here. A
   * default-ignorable character is one a renderer that does not support it shows as nothing.
   */
  static final int[][] DEFAULT_IGNORABLE = {
      {0x00AD, 0x00AD}, // SOFT HYPHEN
      {0x034F, 0x034F}, // COMBINING GRAPHEME JOINER
      {0x061C, 0x061C}, // ARABIC LETTER MARK
      {0x115F, 0x1160}, // HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
      {0x17B4, 0x17B5}, // KHMER VOWEL INHERENT AQ, AA
      {0x180B, 0x180F}, // MONGOLIAN FREE VARIATION SELECTORS ONE to THREE, VOWEL SEPARATOR, FVS FOUR
      {0x200B, 0x200F}, // ZERO WIDTH SPACE, (NON-)JOINER, LEFT-TO-RIGHT and RIGHT-TO-LEFT MARK
      {0x202A, 0x202E}, // the direction embeddings and overrides
      {0x2060, 0x206F}, // WORD JOINER, the invisible operators, the direction isolates, deprecated format characters
      {0x3164, 0x3164}, // HANGUL FILLER
      {0xFE00, 0xFE0F}, // VARIATION SELECTORS 1 to 16
      {0xFEFF, 0xFEFF}, // ZERO WIDTH NO-BREAK SPACE (byte order mark)
      {0xFFA0, 0xFFA0}, // HALFWIDTH HANGUL FILLER
      {0xFFF0, 0xFFF8}, // reserved
      {0x1BCA0, 0x1BCA3}, // SHORTHAND FORMAT LETTER OVERLAP to UP STEP
      {0x1D173, 0x1D17A}, // MUSICAL SYMBOL BEGIN BEAM to END PHRASE
      {0xE0000, 0xE0FFF}, // the tags, VARIATION SELECTORS 17 to 256, reserved
  };

  /** What a refusal says of a required text that shows nothing, after the field's name. */
  public static final String REQUIRED = "must show at least one visible character (not only spaces or invisible"
      + " characters such as a zero-width space, a Hangul filler or a blank Braille pattern)";

  /** Characters that are not default-ignorable but are drawn as nothing all the same. */
  private static final int BRAILLE_PATTERN_BLANK = 0x2800;

  private VisibleText() {
  }

  /** Whether {@code text} shows at least one visible character; {@code null} shows none. */
  public static boolean shows(CharSequence text) {
    return text != null && text.codePoints().anyMatch(c -> !invisible(c));
  }

  /** Whether the character {@code c} shows nothing on screen (see the class's comment). */
  public static boolean invisible(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT || c == BRAILLE_PATTERN_BLANK || defaultIgnorable(c);
  }

  /**
   * Whether {@code c} is drawn as a blank as wide as a letter, a space to whoever reads it though
   * not one to Unicode: U+2800 BRAILLE PATTERN BLANK and the Hangul fillers U+3164 and U+FFA0
   * (a name is compared with them as with a space).
   */
  public static boolean drawnAsSpace(int c) {
    return c == BRAILLE_PATTERN_BLANK || c == 0x3164 || c == 0xFFA0;
  }

  /** Whether {@code c} is one of Unicode's Default_Ignorable_Code_Point ({@link #DEFAULT_IGNORABLE}). */
  static boolean defaultIgnorable(int c) {
    for (int[] range : DEFAULT_IGNORABLE) {
      if (c < range[0]) {
        return false;
      }
      if (c <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
