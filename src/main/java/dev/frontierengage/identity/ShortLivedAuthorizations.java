package dev.frontierengage.identity;

import dev.frontierengage.process.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The embedded server's memory of authorizations, bounded. An API client's token is a signed JWT
 * checked on its own (and refused once its client is rotated or revoked), so nothing of it is
 * kept: a job fetching a token every few minutes for a year leaves nothing behind. A person's
 * sign-in (authorization code) is kept for the hour it may take, then forgotten. On one node
 * only: in a cluster, agency sign-in goes through a real identity provider (README).
 */
class ShortLivedAuthorizations implements OAuth2AuthorizationService {

  static final Duration KEPT = Duration.ofHours(1);

  private final InMemoryOAuth2AuthorizationService kept = new InMemoryOAuth2AuthorizationService();
  private final Map<String, Instant> savedAt = new ConcurrentHashMap<>();

  @Override
  public void save(OAuth2Authorization authorization) {
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
      return;
    }
    forgetOld();
    kept.save(authorization);
    savedAt.putIfAbsent(authorization.getId(), EngineClock.instant());
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    kept.remove(authorization);
    savedAt.remove(authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return kept.findById(id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return kept.findByToken(token, tokenType);
  }

  int size() {
    return savedAt.size();
  }

  private void forgetOld() {
    Instant cutoff = EngineClock.instant().minus(KEPT);
    for (Iterator<Map.Entry<String, Instant>> entries = savedAt.entrySet().iterator(); entries.hasNext(); ) {
      Map.Entry<String, Instant> entry = entries.next();
      if (entry.getValue().isBefore(cutoff)) {
        OAuth2Authorization old = kept.findById(entry.getKey());
        if (old != null) {
          kept.remove(old);
        }
        entries.remove();
      }
    }
  }
}
