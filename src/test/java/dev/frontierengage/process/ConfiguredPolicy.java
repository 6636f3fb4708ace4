package dev.frontierengage.process;

import dev.frontierengage.policy.Policies;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.policy.PolicyCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** The policies as {@code config/application.yaml} configures them, for tests without Spring. */
public final class ConfiguredPolicy {

  /** The May 2026 draft's policy, configured as an inactive example. */
  public static final String DRAFT = "eo-14409-draft-may-2026";

  private ConfiguredPolicy() {}

  /** The configured catalog, with its configured active policy. */
  public static Policies load() {
    return new Policies(catalog());
  }

  /** The configured catalog, with another policy active (as a change of config would make it). */
  public static Policies withActive(String id) {
    return new Policies(new PolicyCatalog(id, catalog().versions()));
  }

  /** The active policy: the signed order's. */
  public static Policy signed() {
    return load().active();
  }

  public static PolicyCatalog catalog() {
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader()
          .load("application", new FileSystemResource(Path.of("config", "application.yaml")));
      PolicyCatalog configured = new Binder(ConfigurationPropertySources.from(sources))
          .bind("frontier-engage.policies", PolicyCatalog.class)
          .orElseThrow(() -> new IllegalStateException("no frontier-engage.policies in config"));
      // the yaml's placeholder ${POLICY:eo-14409} is not resolved by a bare Binder
      String active = configured.active().startsWith("${") ? "eo-14409" : configured.active();
      return new PolicyCatalog(active, configured.versions());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
