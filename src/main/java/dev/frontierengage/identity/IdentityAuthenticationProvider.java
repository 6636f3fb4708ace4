package dev.frontierengage.identity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 * The authenticated principal's authorities are its group ids. Parallel requests with the same
 * credentials that miss the {@link CredentialCache} share one password check instead of each
 * hashing the password (when the cache entry of a busy client expires, its requests arrive
 * together).
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identity;
  private final CredentialCache cache;
  /** Credential fingerprint → the check in progress: the groups, or null for a wrong password. */
  private final Map<String, CompletableFuture<List<String>>> checking = new ConcurrentHashMap<>();

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
      groups = checkOnce(user, password);
    }
    if (groups == null) {
      throw new BadCredentialsException("Bad credentials");
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  /** Checks the password, or waits for the same check another request already runs. */
  private List<String> checkOnce(String user, String password) {
    String key = cache.fingerprint(user, password);
    CompletableFuture<List<String>> mine = new CompletableFuture<>();
    CompletableFuture<List<String>> running = checking.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException failed) {
        throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
      }
    }
    try {
      List<String> groups = check(user, password);
      mine.complete(groups);
      return groups;
    } catch (RuntimeException failed) {
      mine.completeExceptionally(failed);
      throw failed;
    } finally {
      checking.remove(key, mine);
    }
  }

  private List<String> check(String user, String password) {
    if (!identity.checkPassword(user, password)) {
      cache.forget(user);
      return null;
    }
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    cache.remember(user, password, groups);
    return groups;
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
