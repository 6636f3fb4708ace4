package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void whatADatabaseColumnCanHoldPasses() {
    assertThat(StorableText.problem("")).isEmpty();
    assertThat(StorableText.problem("Roadrunner 4.1, caf\u00e9, \uD83D\uDE80 (a pair)")).isEmpty();
    assertThat(StorableText.problem("tab\tand newline\n")).isEmpty();
  }

  @Test
  void aNulOrHalfOfASurrogatePairIsRefused() {
    assertThat(StorableText.problem("a\u0000b")).hasValueSatisfying(why -> assertThat(why).contains("NUL"));
    assertThat(StorableText.problem("\u0000")).isPresent();
    assertThat(StorableText.problem("a\uD83D")).as("high at the end").hasValueSatisfying(
        why -> assertThat(why).contains("surrogate"));
    assertThat(StorableText.problem("\uD83Da")).as("high before a letter").isPresent();
    assertThat(StorableText.problem("a\uDE80b")).as("low alone").isPresent();
    assertThat(StorableText.problem("\uDE80\uD83D")).as("the pair's halves reversed").isPresent();
  }
}
