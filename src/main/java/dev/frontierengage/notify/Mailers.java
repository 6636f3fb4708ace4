package dev.frontierengage.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mailer: SMTP through Spring's mail support when {@code spring.mail.host} is set
 * ({@code MAIL_HOST}, {@code MAIL_PORT}, {@code MAIL_USERNAME}, {@code MAIL_PASSWORD}); otherwise a
 * log sink, so the embedded default needs no mail server.
 */
@Configuration(proxyBeanMethods = false)
class Mailers {

  private static final Logger LOG = LoggerFactory.getLogger(Mailers.class);

  @Bean
  @ConditionalOnProperty("spring.mail.host")
  Mailer smtpMailer(JavaMailSenderImpl sender, @Value("${frontier-engage.notify.mail-from}") String from) {
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
      sender.send(message);
    };
  }

  @Bean
  @ConditionalOnMissingBean(Mailer.class)
  Mailer logMailer() {
    return (messageId, to, subject, body) -> LOG.info("Mail {} to {}: {} (no mail server configured:"
        + " set MAIL_HOST to send)", messageId, to, subject);
  }
}
