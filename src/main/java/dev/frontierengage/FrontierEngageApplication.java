package dev.frontierengage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Frontier Engage: carries an AI developer's voluntary engagement under Sec. 3 of EO 14409. */
// Identities live in Camunda's identity store; no Spring in-memory user with a generated password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class FrontierEngageApplication {

  public static void main(String[] args) {
    SpringApplication.run(FrontierEngageApplication.class, args);
  }
}
