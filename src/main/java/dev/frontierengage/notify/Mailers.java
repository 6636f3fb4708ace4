package dev.frontierengage.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mailer: SMTP through Spring's mail support when {@code spring.mail.host} is set
 * ({@code MAIL_HOST}, {@code MAIL_PORT}, {@code MAIL_USERNAME}, {@code MAIL_PASSWORD}); otherwise a
 * log sink, so the embedded default needs no mail server. An SMTP delivery has
 * {@code frontier-engage.notify.mail-deadline} for the whole exchange (each connect, read and
 * write has its own timeout besides: {@code spring.mail.properties}): at the deadline the worker
 * stops waiting, the exchange's socket is closed (a plain connection or one upgraded by STARTTLS;
 * an SMTPS connection, {@code mail.smtp.ssl.enable}, runs on until a step of it times out) and the
 * attempt counts as failed, tried again later. So a server that answers slowly but in time to
 * every command cannot hold a row past the outbox's claim. A server that had the whole message
 * when the exchange was cut may deliver it; the receiver then gets it twice, with the same
 * Message-ID.
 */
@Configuration(proxyBeanMethods = false)
class Mailers {

  private static final Logger LOG = LoggerFactory.getLogger(Mailers.class);

  @Bean
  @ConditionalOnProperty("spring.mail.host")
  Mailer smtpMailer(JavaMailSenderImpl sender, @Value("${frontier-engage.notify.mail-from}") String from,
      @Value("${frontier-engage.notify.mail-deadline:60s}") Duration deadline) {
    return smtp(sender, from, deadline);
  }

  /**
   * Sends through {@code sender} from {@code from}, each message within {@code deadline}; the
   * sender's sockets come from {@link ExchangeSockets} from now on.
   */
  static Mailer smtp(JavaMailSenderImpl sender, String from, Duration deadline) {
    Duration most = OutboxWorker.CLAIM.minus(OutboxWorker.FRESH);
    if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(most) >= 0) {
      throw new IllegalArgumentException("frontier-engage.notify.mail-deadline must be more than 0 and less than "
          + most.toSeconds() + " s, the least time the outbox holds a row being sent for; not " + seconds(deadline));
    }
    Properties properties = new Properties();
    properties.putAll(sender.getJavaMailProperties());
    properties.put("mail.smtp.socketFactory", new ExchangeSockets());
    // a socket refused because its exchange was cut must not be made again by the default factory
    properties.put("mail.smtp.socketFactory.fallback", "false");
    sender.setJavaMailProperties(properties); // and the session is made again with them
    return (messageId, to, subject, body) -> {
      MimeMessage message = new MimeMessage(sender.getSession()) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", messageId);
        }
      };
      message.setFrom(new InternetAddress(from));
      message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(body, StandardCharsets.UTF_8.name());
      // the exchange runs on a thread of its own, so that the worker can stop waiting at the
      // deadline and cut it off there
      ExchangeSockets.Exchange sockets = new ExchangeSockets.Exchange();
      FutureTask<Void> exchange = new FutureTask<>(() -> ExchangeSockets.within(sockets, () -> sender.send(message)),
          null);
      Thread thread = new Thread(exchange, "smtp-" + messageId);
      thread.setDaemon(true);
      thread.start();
      try {
        exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException late) {
        if (exchange.cancel(true)) {
          sockets.cut();
          throw new MailSendException("the SMTP server did not take the message within " + seconds(deadline));
        }
        ended(exchange); // it ended just now: its own outcome stands
      } catch (InterruptedException stopped) {
        exchange.cancel(true);
        sockets.cut();
        Thread.currentThread().interrupt();
        throw new MailSendException("interrupted while the SMTP server took the message");
      } catch (ExecutionException failed) {
        throw cause(failed);
      }
    };
  }

  /** The outcome of an exchange that has ended: nothing when it sent the message, else what it threw. */
  private static void ended(FutureTask<Void> exchange) throws Exception {
    try {
      exchange.get();
    } catch (ExecutionException failed) {
      throw cause(failed);
    }
  }

  /** What the exchange threw (an Error is thrown as it is). */
  private static Exception cause(ExecutionException failed) {
    Throwable cause = failed.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : failed;
  }

  /** {@code duration} as a person reads it: "60 s", "1.5 s". */
  private static String seconds(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  @Bean
  @ConditionalOnMissingBean(Mailer.class)
  Mailer logMailer() {
    // the subject in the log as one line, whatever it holds (a line break would start a log line of its own)
    return (messageId, to, subject, body) -> LOG.info("Mail {} to {}: {} (no mail server configured:"
        + " set MAIL_HOST to send)", messageId, to, oneLine(subject));
  }

  /** {@code text} with every character that has no place in one line written as its escape (a line break, a control or formatting character, a line separator). */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder line = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n') {
        line.append("\\n");
      } else if (c == '\r') {
        line.append("\\r");
      } else if (dev.frontierengage.process.Submission.breaksALine(c)) {
        line.append(String.format("\\u%04x", c));
      } else {
        line.appendCodePoint(c);
      }
    });
    return line.toString();
  }
}
