package dev.frontierengage.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentNamesTest {

  /** A document's name is one line of what shows: it is read in the developer's timeline. */
  @Test
  void aNameKeepsNoLineOrParagraphSeparatorAndIsNeverInvisible() {
    assertThat(Documents.filename("terms\u2028RELEASE APPROVED\u2029.pdf", "application/pdf"))
        .isEqualTo("termsRELEASE APPROVED.pdf");
    assertThat(Documents.filename("C:\\docs\\terms v2.pdf", "application/pdf")).isEqualTo("terms v2.pdf");
    assertThat(Documents.filename("\u3164\u2800", "application/pdf")).as("nothing visible").isEqualTo("document.pdf");
    assertThat(Documents.filename("Caf\u00e9 \u6761\u6b3e.txt", "text/plain")).isEqualTo("Caf\u00e9 \u6761\u6b3e.txt");
  }
}
