package dev.frontierengage.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity store, the one store administrators manage in Admin.
 * The authenticated principal's authorities are its group ids.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identity;
  private final CredentialCache cache;

  IdentityAuthenticationProvider(IdentityService identity, CredentialCache cache) {
    this.identity = identity;
    this.cache = cache;
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String user = request.getName();
    String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
    List<String> groups = cache.groupsIfVerified(user, password);
    if (groups == null) {
      if (!verify(user, password)) {
        throw new BadCredentialsException("Bad credentials");
      }
      groups = cache.groupsIfVerified(user, password);
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  /**
   * Checks the password against the identity store (bcrypt) and, when it is right, remembers the
   * credentials with the user's groups. A wrong password forgets nothing: a guess cannot evict
   * the owner's verified credentials.
   */
  boolean verify(String user, String password) {
    if (!couldBeAUser(user)) {
      return false; // PostgreSQL refuses to compare a NUL: a 500 where a wrong name is a failed login
    }
    long since = cache.generation(); // a change of the store while this reads it: not remembered
    if (!identity.checkPassword(user, password)) {
      return false;
    }
    cache.remember(user, password,
        identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList(), since);
    return true;
  }

  /** Whether a user of the store could have this id: not one the database cannot even compare (a NUL, half a surrogate pair). */
  static boolean couldBeAUser(String user) {
    return user != null && dev.frontierengage.process.StorableText.problem(user).isEmpty();
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
