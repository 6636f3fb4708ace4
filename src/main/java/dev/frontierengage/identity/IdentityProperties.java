package dev.frontierengage.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identities created at start-up when missing (config {@code frontier-engage.identity}).
 * They live in Camunda's identity store, where administrators manage them in Admin.
 */
@ConfigurationProperties("frontier-engage.identity")
public record IdentityProperties(List<GroupSpec> groups, List<UserSpec> users) {

  public IdentityProperties {
    groups = groups == null ? List.of() : List.copyOf(groups);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** A group: an agency office, an organization ({@code org-<name>}), or the admins. */
  public record GroupSpec(String id, String name, String type) {}

  /** A user and the groups it belongs to; the password is set only when the user is created. */
  public record UserSpec(String id, String firstName, String lastName, String email,
      String password, List<String> groups) {

    public UserSpec {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }
}
