package dev.frontierengage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link MediaTypeHeaders} takes for a header that can be read, and what it refuses. */
class MediaTypeHeadersTest {

  @Test
  void anAcceptHeaderIsReadAsSpringReadsIt() {
    assertThat(MediaTypeHeaders.acceptReadable(List.of())).isTrue();
    assertThat(MediaTypeHeaders.acceptReadable(List.of("application/json"))).isTrue();
    assertThat(MediaTypeHeaders.acceptReadable(List.of("text/html, application/json;q=0.9", "*/*"))).isTrue();
    assertThat(MediaTypeHeaders.acceptReadable(List.of("nope"))).isFalse();
    assertThat(MediaTypeHeaders.acceptReadable(List.of("application/json;q=x"))).isFalse();
    assertThat(MediaTypeHeaders.acceptReadable(List.of("application/json", "a/b/c"))).isFalse();
  }

  @Test
  void aContentTypeMustNameOneTypeOfBody() {
    // none, or one sent blank (Spring takes it for none)
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of())).isTrue();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of(""))).isTrue();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of(" "))).isTrue();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/json"))).isTrue();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/json;charset=UTF-8"))).isTrue();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("multipart/form-data; boundary=x"))).isTrue();
    // a wildcard, two types, or one that cannot be read
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("*/*"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/*"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/json", "text/plain"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/json, text/plain"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("a/b/c"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("json"))).isFalse();
    assertThat(MediaTypeHeaders.contentTypeReadable(List.of("application/json;charset=nope"))).isFalse();
  }
}
