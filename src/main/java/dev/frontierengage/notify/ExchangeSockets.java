package dev.frontierengage.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/**
 * The plain sockets of SMTP exchanges ({@code mail.smtp.socketFactory}), each kept with the
 * exchange that made it, so that an exchange past its deadline is cut off: its socket closed, a
 * read or write it waits in ends at once. A socket made outside an exchange is not kept.
 */
final class ExchangeSockets extends SocketFactory {

  /** The sockets one exchange made; once it is cut, any socket it makes is closed at once. */
  static final class Exchange {

    private final List<Socket> sockets = new ArrayList<>();
    private boolean cut;

    private synchronized Socket keep(Socket socket) throws IOException {
      if (cut) {
        socket.close();
        throw new SocketException("the SMTP exchange was cut off at its deadline");
      }
      sockets.add(socket);
      return socket;
    }

    /** Closes the exchange's sockets and any it makes from now on. */
    synchronized void cut() {
      cut = true;
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException closed) {
          // closed already
        }
      }
    }
  }

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  /** Runs {@code exchange}'s work on this thread, its sockets kept with it. */
  static void within(Exchange exchange, Runnable work) {
    CURRENT.set(exchange);
    try {
      work.run();
    } finally {
      CURRENT.remove();
    }
  }

  private static Socket kept(Socket socket) throws IOException {
    Exchange exchange = CURRENT.get();
    return exchange == null ? socket : exchange.keep(socket);
  }

  @Override
  public Socket createSocket() throws IOException {
    return kept(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return kept(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return kept(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return kept(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return kept(new Socket(address, port, localAddress, localPort));
  }
}
