package dev.frontierengage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP mailer's deadline for a whole delivery: a server that answers every command in time,
 * but slowly, fails the attempt at the deadline instead of holding the outbox's row; the same
 * server takes the message from a mailer with time enough.
 */
class MailersTest {

  /** How long the server takes over each answer: well within a read's timeout, six answers well past 1 s. */
  static final Duration PAUSE = Duration.ofMillis(300);

  final SlowSmtpServer server = new SlowSmtpServer(PAUSE);

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void aDeliveryThatOutlastsTheDeadlineFailsAlthoughEachAnswerCameInTime() {
    Mailer mailer = Mailers.smtp(sender(server.port()), "engage@frontierengage.invalid", Duration.ofSeconds(1));

    assertThatThrownBy(() -> mailer.send("<row-1@frontierengage.invalid>", "security@acme.invalid", "subject", "body"))
        .isInstanceOf(MailSendException.class).hasMessageContaining("within 1 s");
  }

  @Test
  void theSameServerTakesTheMessageWithinALongerDeadline() throws Exception {
    Mailer mailer = Mailers.smtp(sender(server.port()), "engage@frontierengage.invalid", Duration.ofSeconds(30));

    mailer.send("<row-2@frontierengage.invalid>", "security@acme.invalid", "subject", "body");

    assertThat(server.messages()).singleElement().asString().contains("Message-ID: <row-2@frontierengage.invalid>");
  }

  @Test
  void aDeadlineOfNothingOrAsLongAsTheOutboxClaimIsRefusedAtStart() {
    JavaMailSenderImpl sender = sender(25);
    for (Duration wrong : List.of(Duration.ZERO, Duration.ofSeconds(-1), OutboxWorker.CLAIM.minus(OutboxWorker.FRESH))) {
      assertThatThrownBy(() -> Mailers.smtp(sender, "engage@frontierengage.invalid", wrong)).as(wrong.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail-deadline");
    }
  }

  private static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "10000");
    properties.put("mail.smtp.writetimeout", "10000");
    sender.setJavaMailProperties(properties);
    return sender;
  }

  /** An SMTP server on 127.0.0.1 that answers every command correctly after {@code pause}; keeps each message's data. */
  static final class SlowSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Duration pause;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    SlowSmtpServer(Duration pause) {
      this.pause = pause;
      try {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Thread accepting = new Thread(this::accept, "slow-smtp");
      accepting.setDaemon(true);
      accepting.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> messages() {
      return messages;
    }

    private void accept() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          converse(client);
        } catch (IOException | InterruptedException closed) {
          // the test is over, or the client went away
        }
      }
    }

    private void converse(Socket client) throws IOException, InterruptedException {
      BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
      Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
      answer(out, "220 slow.invalid ESMTP");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String command = line.toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("DATA")) {
          answer(out, "354 go ahead");
          StringBuilder data = new StringBuilder();
          for (String row = in.readLine(); row != null && !row.equals("."); row = in.readLine()) {
            data.append(row).append('\n');
          }
          messages.add(data.toString());
          answer(out, "250 queued");
        } else if (command.startsWith("QUIT")) {
          answer(out, "221 bye");
          return;
        } else {
          answer(out, "250 ok");
        }
      }
    }

    private void answer(Writer out, String line) throws IOException, InterruptedException {
      Thread.sleep(pause.toMillis()); // the server's own slowness, not a wait for the engine
      out.write(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
