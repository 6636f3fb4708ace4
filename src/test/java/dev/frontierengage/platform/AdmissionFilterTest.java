package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The filter alone: which requests wait in which line, that a body is read before the request
 * takes a place (a slow sender holds none), the 503 when no place comes in time, and that a place
 * is given back whatever the request did.
 */
class AdmissionFilterTest {

  final Admission admission = new Admission(1, 100, Duration.ofSeconds(1));
  final AdmissionFilter filter = new AdmissionFilter(admission, new AdmissionSettings(true, 1, Duration.ZERO, null, null, null));

  @Test
  void theDeveloperApiGoesFirstTheOtherApisAfterAndTheRestIsNotHeld() {
    assertThat(AdmissionFilter.priority("/api/engagements")).isEqualTo(Priority.FIRST);
    assertThat(AdmissionFilter.priority("/engine-rest/task")).isEqualTo(Priority.REST);
    assertThat(AdmissionFilter.priority("/agency/api/engagements/e/documents")).isEqualTo(Priority.REST);
    for (String free : List.of("/actuator/health", "/oauth2/token", "/v3/api-docs", "/camunda/app/tasklist/",
        "/camunda/api/engine/engine/default/task", "/camunda/api/admin/auth/user/default/login/tasklist",
        "/login/oauth2/code/agency",
        "/", "/index.html", "/apis/engagements")) {
      assertThat(AdmissionFilter.priority(free)).as(free).isNull();
    }
  }

  @Test
  void aJsonBodyIsReadBeforeThePlaceIsTakenAndHandedOnWhole() throws Exception {
    byte[] body = "{\"reason\":\"changed plans\"}".getBytes(StandardCharsets.UTF_8);
    List<Integer> runningWhileRead = new ArrayList<>();
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/engagements/e/withdraw") {
      @Override
      public ServletInputStream getInputStream() {
        runningWhileRead.add(admission.running());
        return super.getInputStream();
      }
    };
    request.setContentType("application/json");
    request.setContent(body);
    List<Object> seen = new ArrayList<>();
    MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) throws IOException {
        seen.add(admission.running());
        seen.add(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    });
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    assertThat(runningWhileRead).containsExactly(0);
    assertThat(seen).containsExactly(1, new String(body, StandardCharsets.UTF_8));
    assertThat(admission.running()).isZero();
  }

  @Test
  void anUploadIsParsedAndAFormReadBeforeThePlaceIsTaken() throws Exception {
    List<String> readWhile = new ArrayList<>();
    MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/agency/api/engagements/e/documents") {
      @Override
      public Collection<Part> getParts() throws IOException, ServletException {
        readWhile.add("parts " + admission.running());
        return super.getParts();
      }
    };
    upload.setContentType("multipart/form-data; boundary=x");
    MockHttpServletRequest form = new MockHttpServletRequest("POST", "/engine-rest/task/t/complete") {
      @Override
      public Map<String, String[]> getParameterMap() {
        readWhile.add("form " + admission.running());
        return super.getParameterMap();
      }
    };
    form.setContentType("application/x-www-form-urlencoded");
    form.setContent("a=1".getBytes(StandardCharsets.UTF_8));
    MockHttpServletRequest notAnUpload = new MockHttpServletRequest("POST", "/api/engagements") {
      @Override
      public Collection<Part> getParts() throws IOException, ServletException {
        readWhile.add("parts of another path");
        return super.getParts();
      }
    };
    notAnUpload.setContentType("multipart/form-data; boundary=x");
    for (MockHttpServletRequest request : List.of(upload, form, notAnUpload)) {
      filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> readWhile.add("ran " + admission.running()));
    }
    assertThat(readWhile).as("a multipart body elsewhere is not parsed (its bytes are read first, below)")
        .containsExactly("parts 0", "ran 1", "form 0", "ran 1", "ran 1");
  }

  /**
   * A body neither parsed before the place is taken (a multipart body to another path than an
   * upload's, a form whose length is not declared or over the first bytes) has its first bytes read
   * first like any other: a client that sent such a body slowly held a place while it sent (the
   * developer API's body limit read it in place), and a few such clients held every place.
   */
  @Test
  void aBodyThatIsNotParsedFirstIsStillReadBeforeThePlaceIsTaken() throws Exception {
    byte[] body = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"
        .getBytes(StandardCharsets.UTF_8);
    for (String[] sent : List.of(new String[] {"/api/engagements", "multipart/form-data; boundary=x", "declared"},
        new String[] {"/engine-rest/deployment/create", "multipart/form-data; boundary=x", "declared"},
        new String[] {"/api/engagements", "application/x-www-form-urlencoded", "chunked"},
        new String[] {"/engine-rest/task/t/complete", "application/x-www-form-urlencoded", "chunked"})) {
      List<String> events = new ArrayList<>();
      MockHttpServletRequest request = new MockHttpServletRequest("POST", sent[0]) {
        @Override
        public long getContentLengthLong() {
          return "chunked".equals(sent[2]) ? -1 : super.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() {
          events.add("read " + admission.running());
          return super.getInputStream();
        }
      };
      if ("chunked".equals(sent[2])) {
        request.addHeader("Transfer-Encoding", "chunked");
      }
      request.setContentType(sent[1]);
      request.setContent(body);
      List<byte[]> handedOn = new ArrayList<>();
      filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
        events.add("ran " + admission.running());
        handedOn.add(((HttpServletRequest) req).getInputStream().readAllBytes());
      });
      assertThat(events).as(String.join(" ", sent)).containsExactly("read 0", "ran 1");
      assertThat(handedOn).as(String.join(" ", sent)).singleElement().isEqualTo(body);
    }
  }

  @Test
  void aChunkedBodyIsReadFirstAndOneLargerThanThatOnlyInPartBothHandedOnWhole() throws Exception {
    for (int size : List.of(100, AdmissionFilter.READ_FIRST, AdmissionFilter.READ_FIRST + 10_000)) {
      byte[] body = new byte[size];
      new java.util.Random(size).nextBytes(body);
      List<String> events = new ArrayList<>();
      MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/deployment/create") {
        @Override
        public long getContentLengthLong() {
          return -1; // chunked: no length declared
        }

        @Override
        public ServletInputStream getInputStream() {
          ServletInputStream in = super.getInputStream();
          return new ServletInputStream() {
            @Override
            public boolean isFinished() {
              return in.isFinished();
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {
              in.setReadListener(listener);
            }

            @Override
            public int read() throws IOException {
              events.add("read " + admission.running());
              return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int read = in.read(b, off, len);
              if (read > 0) {
                events.add("read " + admission.running());
              }
              return read;
            }
          };
        }
      };
      request.addHeader("Transfer-Encoding", "chunked");
      request.setContent(body);
      List<byte[]> handedOn = new ArrayList<>();
      filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
        events.add("ran " + admission.running());
        handedOn.add(((HttpServletRequest) req).getInputStream().readAllBytes());
      });
      assertThat(handedOn.get(0)).as("%d bytes", size).isEqualTo(body);
      int ran = events.indexOf("ran 1");
      assertThat(events.subList(0, ran)).as("read before the place is taken").isNotEmpty().allMatch("read 0"::equals);
      List<String> inPlace = events.subList(ran + 1, events.size());
      if (size > AdmissionFilter.READ_FIRST) {
        assertThat(inPlace).as("beyond the first bytes, read in place").isNotEmpty().allMatch("read 1"::equals);
      } else {
        assertThat(inPlace).as("nothing left to read in place").isEmpty();
      }
    }
  }

  @Test
  void pathsAreMatchedDecodedAsTheSecurityRulesMatchThem() throws Exception {
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    for (String encoded : List.of("/%61pi/engagements", "/engine-r%65st/task", "/agency/%61pi/engagements/e/documents")) {
      MockHttpServletResponse response = new MockHttpServletResponse();
      List<String> ran = new ArrayList<>();
      filter.doFilter(new MockHttpServletRequest("GET", encoded), response, (req, res) -> ran.add("ran"));
      assertThat(ran).as(encoded).isEmpty();
      assertThat(response.getStatus()).as(encoded).isEqualTo(503);
    }
    admission.leave();
  }

  @Test
  void noPlaceInTimeIsA503ProblemAndTheRequestDoesNotRun() throws Exception {
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/engagements");
    request.setContentType("application/json");
    request.setContent("{}".getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();
    List<String> ran = new ArrayList<>();
    filter.doFilter(request, response, (req, res) -> ran.add("ran"));
    assertThat(ran).isEmpty();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.getContentAsString()).contains("\"status\":503");
    admission.leave();
    assertThat(admission.running()).isZero();
  }

  @Test
  void aRequestThatFailsGivesItsPlaceBack() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
    assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
      throw new IllegalStateException("the engine failed");
    })).hasMessage("the engine failed");
    assertThat(admission.running()).isZero();
  }

  @Test
  void aRequestNotHeldRunsEvenWhenEveryPlaceIsTaken() throws Exception {
    assertThat(admission.enter(Priority.FIRST, "", 0)).isTrue();
    List<String> ran = new ArrayList<>();
    filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(),
        (req, res) -> ran.add("ran"));
    assertThat(ran).containsExactly("ran");
    admission.leave();
  }

  @Test
  void turnedOffTheFilterIsNotRegisteredAndOnItComesRightAfterSpringSecurity() {
    AdmissionConfiguration configuration = new AdmissionConfiguration();
    var off = configuration.admissionFilter(admission, new AdmissionSettings(false, 1, null, null, null, null));
    var on = configuration.admissionFilter(admission, new AdmissionSettings(null, 1, null, null, null, null));
    assertThat(off.isEnabled()).isFalse();
    assertThat(on.isEnabled()).isTrue();
    assertThat(on.getOrder()).isGreaterThan(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER);
  }

  @Test
  void settingsRefuseWhatCannotWork() {
    assertThatThrownBy(() -> new AdmissionSettings(true, 0, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionSettings(true, 4, Duration.ofSeconds(-1), null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionSettings(true, 4, Duration.ofMinutes(6), null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionSettings(true, 4, null, null, Duration.ofSeconds(-1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionSettings(true, 4, null, -1, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    AdmissionSettings defaults = new AdmissionSettings(null, null, null, null, null, null);
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.concurrent()).isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxWaiting()).isEqualTo(100);
    assertThat(defaults.maxWaitingPerCaller()).as("a quarter of the line").isEqualTo(25);
    assertThat(new AdmissionSettings(null, null, null, 1, null, null).maxWaitingPerCaller()).isOne();
    assertThatThrownBy(() -> new AdmissionSettings(true, 4, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDevelopersOrganizationTakesTurnsAsOneAndAnyoneElseAsThemselves() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/engagements");
    try {
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
          "alice", null, AuthorityUtils.createAuthorityList("developers", "org-acme")));
      String alice = AdmissionFilter.caller(request);
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
          "acme-ci", null, AuthorityUtils.createAuthorityList("org-acme")));
      assertThat(AdmissionFilter.caller(request)).as("an API client of the same organization").isEqualTo(alice)
          .isEqualTo("org-acme");
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
          "org-acme", null, AuthorityUtils.createAuthorityList("cisa")));
      assertThat(AdmissionFilter.caller(request)).as("a reviewer, whatever its name").isEqualTo("user:org-acme");
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /**
   * Through the filter, with waits of a minute: a request of an organization whose share of the
   * line is full is answered 503 at once, and another organization's waits and runs.
   */
  @Test
  void aCallerWhoseShareIsFullIsAnswered503AtOnceAndAnothersWaitsAndRuns() throws Exception {
    Admission shared = new Admission(1, 100, 1, Duration.ofSeconds(1));
    AdmissionFilter limited = new AdmissionFilter(shared, new AdmissionSettings(true, 1, Duration.ofMinutes(1), 100, null, 1));
    assertThat(shared.enter(Priority.FIRST, "org-other", 0)).isTrue(); // the one place is taken
    var threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var acmeWaiting = threads.submit(() -> shared.enter(Priority.FIRST, "org-acme", Duration.ofMinutes(1).toNanos()));
      within(() -> shared.waiting() == 1, "acme's one request in line");
      MockHttpServletResponse refused = new MockHttpServletResponse();
      List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
      var acme = threads.submit(() -> filterAs("alice", "org-acme", limited, refused, ran));
      within(acme::isDone, "acme's second request answered at once, not after its minute");
      acme.get();
      assertThat(refused.getStatus()).isEqualTo(503);
      MockHttpServletResponse answered = new MockHttpServletResponse();
      var bob = threads.submit(() -> filterAs("bob", "org-globex", limited, answered, ran));
      within(() -> shared.waiting() == 2, "globex's request in line");
      assertThat(ran).isEmpty();
      shared.leave(); // acme's waiting one goes
      assertThat(acmeWaiting.get(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      shared.leave(); // then globex's
      bob.get(1, java.util.concurrent.TimeUnit.MINUTES);
      assertThat(answered.getStatus()).isEqualTo(200);
      assertThat(ran).containsExactly("bob");
    } finally {
      threads.shutdownNow();
    }
    assertThat(shared.running()).isZero();
  }

  private static Void filterAs(String user, String organization, AdmissionFilter filter, MockHttpServletResponse response,
      List<String> ran) throws Exception {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        user, null, AuthorityUtils.createAuthorityList("developers", organization)));
    try {
      filter.doFilter(new MockHttpServletRequest("GET", "/api/engagements"), response, (req, res) -> ran.add(user));
    } finally {
      SecurityContextHolder.clearContext();
    }
    return null;
  }

  /** Asks again until {@code condition} holds, for at most 10 s. */
  private static void within(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
