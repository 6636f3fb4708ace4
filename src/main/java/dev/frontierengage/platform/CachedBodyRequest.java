package dev.frontierengage.platform;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A request whose body a filter has already read, handed on so it can be read once more: the
 * whole body, or what was read of it followed by what the request's own stream still holds.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;
  /** The rest of the body, still to be read from the request (null: the body is whole). */
  private final ServletInputStream rest;

  public CachedBodyRequest(HttpServletRequest request, byte[] body) {
    this(request, body, null);
  }

  /** {@code read}: the body's first bytes, already read; {@code rest}: the request's stream, where the rest waits. */
  public CachedBodyRequest(HttpServletRequest request, byte[] read, ServletInputStream rest) {
    super(request);
    this.body = read.clone();
    this.rest = rest;
  }

  @Override
  public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
    String encoding = getCharacterEncoding();
    java.nio.charset.Charset charset;
    try {
      charset = encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding);
    } catch (IllegalArgumentException unknown) {
      throw new java.io.UnsupportedEncodingException(encoding);
    }
    return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return in.available() == 0 && (rest == null || rest.isFinished());
      }

      @Override
      public boolean isReady() {
        return in.available() > 0 || rest == null || rest.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("the body is already in memory");
      }

      @Override
      public int read() throws IOException {
        int read = in.read();
        return read >= 0 || rest == null ? read : rest.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        int read = in.read(b, off, len);
        return read > 0 || rest == null ? read : rest.read(b, off, len);
      }
    };
  }
}
