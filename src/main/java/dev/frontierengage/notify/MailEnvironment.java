package dev.frontierengage.notify;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code MAIL_HOST}, {@code MAIL_PORT}, {@code MAIL_USERNAME} and {@code MAIL_PASSWORD}, when
 * set, configure Spring's mail support ({@code spring.mail.*}); unset, nothing is configured and
 * mail goes to the log ({@code MAIL_FROM} is read by {@code config/application.yaml}).
 */
public class MailEnvironment implements EnvironmentPostProcessor {

  static final Map<String, String> NAMES = Map.of("MAIL_HOST", "spring.mail.host", "MAIL_PORT", "spring.mail.port",
      "MAIL_USERNAME", "spring.mail.username", "MAIL_PASSWORD", "spring.mail.password");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> mapped = new HashMap<>();
    NAMES.forEach((variable, property) -> {
      String value = environment.getProperty(variable);
      if (value != null && !value.isBlank() && !environment.containsProperty(property)) {
        mapped.put(property, value);
      }
    });
    if (!mapped.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("frontier-engage-mail", mapped));
    }
  }
}
