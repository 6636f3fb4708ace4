package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The webapps' guards decide by the session as well as by the request: whoever the webapps
 * signed in, however the login named them, a developer gets no session and no webapp API.
 * ({@code EngineApplicationIT} sends the same logins to the real webapps.)
 */
class WebappGuardsTest {

  private final AuditCapture audit = new AuditCapture();

  @Test
  void aDeveloperSignedInByTheWebappsIsSignedOutAndRefused() throws Exception {
    WebappLoginGuard guard = new WebappLoginGuard(nobodyIsADeveloper(), new AuditLog(), true);
    MockHttpServletRequest login = login("user%6Eame=carol&password=secret");
    MockHttpSession session = (MockHttpSession) login.getSession(false);
    MockHttpServletResponse response = new MockHttpServletResponse();
    // the webapps read the form their own way and sign carol in, a developer
    guard.doFilter(login, response, webapps("carol", List.of(SecurityConfiguration.DEVELOPERS, "org-acme")));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("developer API").doesNotContain("carol");
    assertThat(response.getHeader("Set-Cookie")).as("the webapps' answer is not passed on").isNull();
    assertThat(session.isInvalid()).as("signed out").isTrue();
    assertThat(audit.lines("access.denied")).anyMatch(l -> l.contains("\"actor\":\"carol\""));
  }

  @Test
  void staffSignedInByTheWebappsGetTheWebappsAnswer() throws Exception {
    WebappLoginGuard guard = new WebappLoginGuard(nobodyIsADeveloper(), new AuditLog(), true);
    MockHttpServletRequest login = login("username=dana&password=secret");
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(login, response, webapps("dana", List.of("nsa-intake")));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString()).isEqualTo("{\"userId\":\"dana\"}");
    assertThat(response.getHeader("Set-Cookie")).isEqualTo("JSESSIONID=new");
    assertThat(((MockHttpSession) login.getSession(false)).isInvalid()).isFalse();
  }

  @Test
  void whenStaffSignInElsewhereALogoutStillPassesAndALoginDoesNot() throws Exception {
    WebappLoginGuard guard = new WebappLoginGuard(nobodyIsADeveloper(), new AuditLog(), false);
    AtomicInteger reached = new AtomicInteger();
    MockHttpServletRequest logout = new MockHttpServletRequest("POST", "/camunda/api/admin/auth/user/default/logout");
    guard.doFilter(logout, new MockHttpServletResponse(), (req, res) -> reached.incrementAndGet());
    assertThat(reached).hasValue(1);

    MockHttpServletResponse refused = new MockHttpServletResponse();
    guard.doFilter(login("username=dana&password=secret"), refused, (req, res) -> reached.incrementAndGet());
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(reached).hasValue(1);
  }

  @Test
  void aFormFieldIsReadWithItsNameDecodedAndABrokenEscapeSkipped() {
    assertThat(WebappLoginGuard.formValue("user%6Eame=alice&password=x", "username")).isEqualTo("alice");
    assertThat(WebappLoginGuard.formValue("username=%zz&user%6Eame=bob", "username")).isEqualTo("bob");
    assertThat(WebappLoginGuard.formValue("password=x", "username")).isNull();
  }

  @Test
  void noWebappApiAnswersASessionThatHoldsADeveloper() throws Exception {
    WebappApiGuard guard = new WebappApiGuard(new AuditLog());
    AtomicInteger reached = new AtomicInteger();
    for (String path : List.of("/camunda/api/engine/engine/default/task", "/camunda/api/tasklist/plugin/x",
        "/camunda/api/admin/auth/user/default")) {
      MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
      MockHttpSession session = session("carol", List.of(SecurityConfiguration.DEVELOPERS));
      request.setSession(session);
      MockHttpServletResponse response = new MockHttpServletResponse();
      guard.doFilter(request, response, (req, res) -> reached.incrementAndGet());
      assertThat(response.getStatus()).as(path).isEqualTo(403);
      assertThat(session.isInvalid()).as("signed out").isTrue();
    }
    assertThat(reached).hasValue(0);

    // a member of an organization's group is a developer too (its organization's tasks are offered to it)
    MockHttpServletRequest member = new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/task");
    MockHttpSession memberSession = session("erin", List.of("org-acme"));
    member.setSession(memberSession);
    MockHttpServletResponse refused = new MockHttpServletResponse();
    guard.doFilter(member, refused, (req, res) -> reached.incrementAndGet());
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(memberSession.isInvalid()).isTrue();
    assertThat(reached).hasValue(0);

    MockHttpServletRequest staff = new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/task");
    staff.setSession(session("dana", List.of("nsa-intake")));
    guard.doFilter(staff, new MockHttpServletResponse(), (req, res) -> reached.incrementAndGet());
    assertThat(reached).as("staff's Tasklist keeps its engine API").hasValue(1);
  }

  private static MockHttpServletRequest login(String form) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/camunda/api/admin/auth/user/default/login/welcome");
    request.setContentType("application/x-www-form-urlencoded");
    request.setContent(form.getBytes(StandardCharsets.UTF_8));
    request.setSession(new MockHttpSession());
    return request;
  }

  /** The webapps' login as far as the guard sees it: the user signed in to the session, an answer written. */
  private static FilterChain webapps(String user, List<String> groups) {
    return (req, res) -> {
      HttpSession session = ((HttpServletRequest) req).getSession(false);
      AuthenticationUtil.updateSession(session, authentications(user, groups));
      ((jakarta.servlet.http.HttpServletResponse) res).setHeader("Set-Cookie", "JSESSIONID=new");
      res.setContentType("application/json");
      res.getWriter().write("{\"userId\":\"" + user + "\"}");
    };
  }

  private static MockHttpSession session(String user, List<String> groups) {
    MockHttpSession session = new MockHttpSession();
    AuthenticationUtil.updateSession(session, authentications(user, groups));
    return session;
  }

  private static Authentications authentications(String user, List<String> groups) {
    UserAuthentication authentication = new UserAuthentication(user, "default");
    authentication.setGroupIds(groups);
    Authentications authentications = new Authentications();
    authentications.addOrReplace(authentication);
    return authentications;
  }

  /** An identity store in which the form's user name is nobody's: only the session can tell. */
  private static IdentityService nobodyIsADeveloper() {
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    when(identity.createGroupQuery().groupMember(org.mockito.ArgumentMatchers.anyString()).list()).thenReturn(List.of());
    return identity;
  }
}
