package dev.frontierengage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 exchange with the application under test as the bytes go, for what a client library would not send. */
public final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code request} to 127.0.0.1:{@code port} and returns all the answer (status line,
   * headers and body) as text. A server that answers before reading all it was sent (headers too
   * large) may close with a reset: what it answered is kept.
   */
  public static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (SocketException closed) {
        // answered and closed before taking all of it: the answer is there to read
      }
      try {
        socket.getInputStream().transferTo(answer);
      } catch (SocketException reset) {
        if (answer.size() == 0) {
          throw reset;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
