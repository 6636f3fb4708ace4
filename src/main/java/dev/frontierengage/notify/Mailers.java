package dev.frontierengage.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * write has its own timeout besides: {@code spring.mail.properties}); one that takes longer is a
 * failed attempt, tried again later, so a server that answers slowly but in time to every command
 * cannot hold a row past the outbox's claim. Should the abandoned exchange still finish, the
 * receiver gets the message twice, with the same Message-ID.
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

  /** Sends through {@code sender} from {@code from}, each message within {@code deadline}. */
  static Mailer smtp(JavaMailSenderImpl sender, String from, Duration deadline) {
    Duration most = OutboxWorker.CLAIM.minus(OutboxWorker.FRESH);
    if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(most) >= 0) {
      throw new IllegalArgumentException("frontier-engage.notify.mail-deadline must be more than 0 and less than "
          + most.toSeconds() + " s (the outbox's claim on a row being sent), not " + deadline);
    }
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
      // the exchange runs on a thread of its own so that the worker stops waiting at the deadline;
      // an abandoned one goes on until the server ends it or one of its steps (a connect, a read,
      // a write) times out
      FutureTask<Void> exchange = new FutureTask<>(() -> sender.send(message), null);
      Thread thread = new Thread(exchange, "smtp-" + messageId);
      thread.setDaemon(true);
      thread.start();
      try {
        exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException late) {
        exchange.cancel(true);
        throw new MailSendException("the SMTP server did not take the message within " + deadline.toSeconds() + " s");
      } catch (InterruptedException stopped) {
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        throw new MailSendException("interrupted while the SMTP server took the message");
      } catch (ExecutionException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof Error error) {
          throw error;
        }
        throw cause instanceof Exception exception ? exception : failed;
      }
    };
  }

  @Bean
  @ConditionalOnMissingBean(Mailer.class)
  Mailer logMailer() {
    return (messageId, to, subject, body) -> LOG.info("Mail {} to {}: {} (no mail server configured:"
        + " set MAIL_HOST to send)", messageId, to, subject);
  }
}
