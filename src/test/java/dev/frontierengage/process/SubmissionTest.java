package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a submitted text and an e-mail address may hold. */
class SubmissionTest {

  /**
   * An address a relay can deliver: not an address literal (a@[127.0.0.1] asked the relay to
   * send to its own loopback), not a quoted or bracketed local part; an internationalized domain
   * by its ASCII form.
   */
  @Test
  void anEmailAddressIsOneARelayDeliversToAHostName() {
    for (String good : List.of("security@acme.example", "a.b+tag@mail.acme.co.uk", "x@b.invalid", "ciso@xn--e1afmkfd.xn--p1ai",
        "o'brien@agency.gov", "a@пример.рф", "security@caf\u00e9-lab.invalid")) {
      assertThat(Submission.emailAddress(good)).as(good).isTrue();
    }
    for (String bad : List.of("a@[127.0.0.1]", "\"a<b>\"@x.example", "a<b>@x.example", "пользователь@пример.рф", "a@localhost", "a@[::1]",
        "a@127.0.0.1", "a b@x.example", "a@x.example\r\nBcc: v@evil.example", "a@-x.example", "a@x..example",
        "@x.example", "a@x.example.")) {
      assertThat(Submission.emailAddress(bad)).as(bad).isFalse();
    }
  }

  /** A text takes a tab and line breaks, not another control character nor a direction override, embedding or isolate. */
  @Test
  void aTextRefusesWhatWouldMakeItReadOtherwise() {
    assertThat("Line one\r\nline two\ttabbed, \u05e2\u05d1\u05e8\u05d9\u05ea, \u200d".codePoints()
        .noneMatch(Submission::refusedInText)).isTrue();
    for (int refused : new int[] {0x07, 0x1b, 0x7f, 0x85, 0x202a, 0x202e, 0x2066, 0x2069}) {
      assertThat(Submission.refusedInText(refused)).as(Integer.toHexString(refused)).isTrue();
    }
  }
}
