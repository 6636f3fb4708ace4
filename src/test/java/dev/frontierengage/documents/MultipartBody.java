package dev.frontierengage.documents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/** A multipart/form-data body as a browser sends an upload: fields and files, in order. */
public final class MultipartBody {

  /** The terms document the tests' access counsel attaches (a small PDF). */
  public static final byte[] TERMS_PDF = pdf("Terms of government access, TERMS-2026-0042");

  private final String boundary = "----frontier" + UUID.randomUUID().toString().replace("-", "");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public MultipartBody field(String name, String value) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  public MultipartBody file(String name, String filename, String contentType, byte[] content) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
    out.writeBytes(content);
    write("\r\n");
    return this;
  }

  /** A document upload: the kind and one file. */
  public static MultipartBody upload(String kind, String filename, byte[] content) {
    return new MultipartBody().field("kind", kind).file("file", filename, "application/octet-stream", content);
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return all.toByteArray();
  }

  /** A minimal PDF whose text is {@code text} (detected as application/pdf by its magic bytes). */
  public static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
