package dev.frontierengage.process;

import dev.frontierengage.policy.PolicyProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** The policy as {@code config/application.yaml} configures it, for tests without Spring. */
public final class ConfiguredPolicy {

  private ConfiguredPolicy() {}

  public static PolicyProperties load() {
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader()
          .load("application", new FileSystemResource(Path.of("config", "application.yaml")));
      return new Binder(ConfigurationPropertySources.from(sources))
          .bind("frontier-engage.policy", PolicyProperties.class)
          .orElseThrow(() -> new IllegalStateException("no frontier-engage.policy in config"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The configured policy with another access cap (as a future policy version might set). */
  public static PolicyProperties withCap(int capDays) {
    PolicyProperties p = load();
    return new PolicyProperties(p.id() + "-cap-" + capDays, capDays, p.consultationOffices(),
        p.consultationPeriod(), p.clarificationTimeout(), p.accessOfferTimeout(),
        p.termsAcceptanceTimeout(), p.releaseReportGrace());
  }
}
