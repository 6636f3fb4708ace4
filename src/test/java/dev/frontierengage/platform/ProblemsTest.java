package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  /** A refusal repeats an id only when it could be one of ours: never text the client chose. */
  @Test
  void aDetailRepeatsAnIdOnlyWhenItCouldBeOne() {
    assertThat(Problems.id("3f2c9a7e-1b2d-4c3e-9f00-0123456789ab")).isEqualTo("3f2c9a7e-1b2d-4c3e-9f00-0123456789ab");
    assertThat(Problems.id("cli_AbC.9:x")).isEqualTo("cli_AbC.9:x");
    for (String chosen : new String[] {"abc\u202Edcba", "a\nb", "a b", "x".repeat(65), "", null, "<script>"}) {
      assertThat(Problems.id(chosen)).as(String.valueOf(chosen)).isEqualTo("(the id sent)");
    }
  }
}
