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

  /**
   * A name ends with an extension of the type the content was found to be: a text named
   * {@code run.bat} or a PDF named {@code card.html} was saved under that name by the reviewer's
   * browser, and opening it ran it as what the name said.
   */
  @Test
  void aNameEndsWithAnExtensionOfTheTypeTheContentIs() {
    assertThat(Documents.filename("run.bat", "text/plain")).isEqualTo("run.bat.txt");
    assertThat(Documents.filename("review.hta", "text/plain")).isEqualTo("review.hta.txt");
    assertThat(Documents.filename("card.html", "application/pdf")).isEqualTo("card.html.pdf");
    assertThat(Documents.filename("card.exe", "application/pdf")).isEqualTo("card.exe.pdf");
    assertThat(Documents.filename("logo.svg", "image/png")).isEqualTo("logo.svg.png");
    assertThat(Documents.filename("run.bat.", "text/plain")).as("Windows drops a trailing dot").isEqualTo("run.bat..txt");
    assertThat(Documents.filename("README", "text/plain")).isEqualTo("README.txt");
    assertThat(Documents.filename("Notes.MD", "text/plain")).isEqualTo("Notes.MD");
    assertThat(Documents.filename("data.csv", "text/plain")).isEqualTo("data.csv");
    assertThat(Documents.filename("results.json", "text/plain")).isEqualTo("results.json");
    assertThat(Documents.filename("photo.JPEG", "image/jpeg")).isEqualTo("photo.JPEG");
    assertThat(Documents.filename("photo.jpg", "image/jpeg")).isEqualTo("photo.jpg");
    assertThat(Documents.filename("card.pdf", "application/pdf")).isEqualTo("card.pdf");
    String longest = Documents.filename("\uD83D\uDE80" + "x".repeat(190) + ".bat", "text/plain");
    assertThat(longest).hasSizeLessThanOrEqualTo(200).endsWith(".bat.txt").startsWith("\uD83D\uDE80");
    String split = Documents.filename("x".repeat(195) + "\uD83D\uDE80" + "y.bat", "text/plain");
    assertThat(split).hasSizeLessThanOrEqualTo(200).endsWith(".txt");
    assertThat(split.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as("no half character").isTrue();
  }
}
