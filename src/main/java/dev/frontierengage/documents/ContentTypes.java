package dev.frontierengage.documents;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tika.Tika;

/**
 * What a file is, by its content alone (Apache Tika's magic bytes; the name and the declared type
 * are never asked), and whether a document may be one: PDF, UTF-8 text (Markdown, CSV, JSON
 * included), PNG or JPEG. Anything that can carry script or macros (HTML, SVG, Office files,
 * archives, executables) is refused.
 */
public final class ContentTypes {

  /** The types a document may have, as they are detected and served. */
  public static final List<String> ALLOWED = List.of("application/pdf", "text/plain", "image/png", "image/jpeg");

  private static final Tika TIKA = new Tika();

  private ContentTypes() {}

  /** The detected type of {@code content}: one of {@link #ALLOWED} or what it is instead. */
  public static String detect(byte[] content) {
    String detected = TIKA.detect(content);
    if ("text/plain".equals(detected) && !utf8(content)) {
      return "text/plain; charset is not UTF-8";
    }
    return detected;
  }

  public static boolean allowed(String detected) {
    return ALLOWED.contains(detected);
  }

  private static boolean utf8(byte[] content) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
