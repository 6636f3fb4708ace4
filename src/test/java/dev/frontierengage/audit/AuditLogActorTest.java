package dev.frontierengage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.identity.AuditCapture;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An audit line names who acted: the actor given, else the user Spring Security signed in. A
 * request Spring Security let through unsigned (the webapps', whose sessions are Camunda's) named
 * its placeholder, {@code anonymousUser}, as if someone of that name had acted; it names nobody.
 */
class AuditLogActorTest {

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void anUnsignedRequestNamesNobodyASignedInOneItsUser() {
    String unsigned = "test.unsigned." + UUID.randomUUID();
    SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    new AuditLog().record(unsigned, null, null);
    assertThat(new AuditCapture().lines(unsigned)).singleElement().asString().contains("\"actor\":null");

    String signed = "test.signed." + UUID.randomUUID();
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
    new AuditLog().record(signed, null, null);
    assertThat(new AuditCapture().lines(signed)).singleElement().asString().contains("\"actor\":\"alice\"");
    new AuditLog().record(signed, "nsa-intake", null);
    assertThat(new AuditCapture().lines(signed)).last().asString().contains("\"actor\":\"nsa-intake\"");
  }
}
