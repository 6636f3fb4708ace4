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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP mailer's deadline for a whole delivery: a server that answers every command in time,
 * but slowly, fails the attempt at the deadline, and the exchange is cut off there rather than
 * going on to the end in the background; the same server takes the message from a mailer with
 * time enough.
 */
class MailersTest {

  /** How long the server takes over each answer: well within a read's timeout, the seven of an exchange well past 1 s. */
  static final Duration PAUSE = Duration.ofMillis(300);

  final SlowSmtpServer server = new SlowSmtpServer(PAUSE);

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Without a mail server the subject goes to the log: as one line, whatever it holds. */
  @Test
  void theLoggedSubjectIsOneLine() {
    assertThat(Mailers.oneLine("Review: X\n2026-12-06 INFO forged\r\n\u202eY\u0007"))
        .isEqualTo("Review: X\\n2026-12-06 INFO forged\\r\\n\\u202eY\\u0007").doesNotContain("\n", "\r");
    assertThat(Mailers.oneLine("Caf\u00e9 \u05e2\u05d1\u05e8\u05d9\u05ea")).isEqualTo("Caf\u00e9 \u05e2\u05d1\u05e8\u05d9\u05ea");
  }

  @Test
  void aDeliveryThatOutlastsTheDeadlineFailsAndIsCutOffAlthoughEachAnswerCameInTime() throws Exception {
    Mailer mailer = Mailers.smtp(sender(server.port()), "engage@frontierengage.invalid", Duration.ofSeconds(1));

    assertThatThrownBy(() -> mailer.send("<row-1@frontierengage.invalid>", "security@acme.invalid", "subject", "body"))
        .isInstanceOf(MailSendException.class).hasMessageContaining("within 1 s");
    // the server's answers would have let the exchange finish some 2 s in (it then says QUIT): it
    // finds the connection closed instead
    assertThat(server.conversations().poll(30, TimeUnit.SECONDS)).as("how the conversation ended").isEqualTo("closed");
    assertThat(server.messages()).as("never taken").isEmpty();
  }

  @Test
  void theSameServerTakesTheMessageWithinALongerDeadline() throws Exception {
    Mailer mailer = Mailers.smtp(sender(server.port()), "engage@frontierengage.invalid", Duration.ofSeconds(30));

    mailer.send("<row-2@frontierengage.invalid>", "security@acme.invalid", "subject", "body");

    assertThat(server.messages()).singleElement().asString().contains("Message-ID: <row-2@frontierengage.invalid>");
    assertThat(server.conversations().poll(30, TimeUnit.SECONDS)).isEqualTo("quit");
  }

  @Test
  void aDeadlineOfNothingOrAsLongAsTheLeastTheOutboxHoldsARowIsRefusedAtStart() {
    Duration most = OutboxWorker.CLAIM.minus(OutboxWorker.FRESH);
    for (Duration wrong : List.of(Duration.ZERO, Duration.ofSeconds(-1), most, most.plusSeconds(1))) {
      assertThatThrownBy(() -> Mailers.smtp(sender(25), "engage@frontierengage.invalid", wrong)).as(wrong.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail-deadline");
    }
    for (Duration right : List.of(Duration.ofMillis(1), most.minusMillis(1))) {
      assertThat(Mailers.smtp(sender(25), "engage@frontierengage.invalid", right)).as(right.toString()).isNotNull();
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
    private final BlockingQueue<String> conversations = new LinkedBlockingQueue<>();

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

    /** The messages the server took: their data, each answered with 250. */
    List<String> messages() {
      return messages;
    }

    /** How each conversation ended, in turn: "quit" (the client said QUIT) or "closed" (the client closed it first). */
    BlockingQueue<String> conversations() {
      return conversations;
    }

    private void accept() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          conversations.add(converse(client) ? "quit" : "closed");
        } catch (IOException | InterruptedException closed) {
          // the test is over (a conversation the client cut short ends in converse)
        }
      }
    }

    /** True when the client said QUIT, false when it closed the connection first. */
    private boolean converse(Socket client) throws InterruptedException {
      try {
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
            answer(out, "250 queued");
            messages.add(data.toString());
          } else if (command.startsWith("QUIT")) {
            answer(out, "221 bye");
            return true;
          } else {
            answer(out, "250 ok");
          }
        }
        return false;
      } catch (IOException cut) {
        return false; // the client closed the connection (reset) while the server answered
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
