package dev.frontierengage.api;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A developer's organization: the one group {@code org-<name>} the user belongs to. */
final class Developers {

  static final String ORGANIZATION_GROUP_PREFIX = "org-";

  private Developers() {}

  static String organization(Authentication user) {
    List<String> organizations = user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(group -> group.startsWith(ORGANIZATION_GROUP_PREFIX))
        .map(group -> group.substring(ORGANIZATION_GROUP_PREFIX.length()))
        .toList();
    if (organizations.size() != 1) {
      throw ApiRefusal.noOrganization();
    }
    return organizations.get(0);
  }
}
