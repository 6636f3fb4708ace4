package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The embedded server's memory of authorizations keeps nothing of client credentials and forgets after an hour. */
class ShortLivedAuthorizationsTest {

  private static final Instant NOW = Instant.parse("2026-07-04T03:00:00Z");
  private static final RegisteredClient CLIENT = RegisteredClient.withId("c").clientId("c")
      .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
      .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
      .redirectUri("http://127.0.0.1:8080/login/oauth2/code/agency").build();

  private final ShortLivedAuthorizations authorizations = new ShortLivedAuthorizations();

  @AfterEach
  void wallClock() {
    ClockUtil.reset();
  }

  @Test
  void aClientCredentialsGrantLeavesNothingBehind() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    authorizations.save(authorization("job", AuthorizationGrantType.CLIENT_CREDENTIALS));
    assertThat(authorizations.findById("job")).isNull();
    assertThat(authorizations.size()).isZero();
  }

  @Test
  void aPersonsSignInIsKeptForAnHourAndThenForgotten() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    authorizations.save(authorization("first", AuthorizationGrantType.AUTHORIZATION_CODE));
    assertThat(authorizations.findById("first")).isNotNull();

    ClockUtil.setCurrentTime(Date.from(NOW.plus(ShortLivedAuthorizations.KEPT).minusSeconds(1)));
    authorizations.save(authorization("second", AuthorizationGrantType.AUTHORIZATION_CODE));
    assertThat(authorizations.findById("first")).isNotNull();

    ClockUtil.setCurrentTime(Date.from(NOW.plus(ShortLivedAuthorizations.KEPT).plusSeconds(1)));
    authorizations.save(authorization("third", AuthorizationGrantType.AUTHORIZATION_CODE));
    assertThat(authorizations.findById("first")).isNull();
    assertThat(authorizations.findById("second")).isNotNull();
    assertThat(authorizations.size()).isEqualTo(2);

    authorizations.remove(authorizations.findById("second"));
    assertThat(authorizations.size()).isOne();
  }

  private static OAuth2Authorization authorization(String id, AuthorizationGrantType grant) {
    return OAuth2Authorization.withRegisteredClient(CLIENT).id(id).principalName("nsa-intake")
        .authorizationGrantType(grant).build();
  }
}
