package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** The prod profile refuses each unsafe setting, with what to set instead. */
class ProductionSafetyTest {

  /** Every setting the profile asks for, each safe. */
  static final Map<String, Object> SAFE = Map.of(
      "DB_URL", "jdbc:postgresql://127.0.0.1:5432/frontier",
      "SESSION_SECRET", "x".repeat(40),
      "ADMIN_PASSWORD", "a-long-admin-secret",
      "DEMO_PASSWORD", "a-long-reviewer-secret",
      "MAIL_HOST", "smtp.agency.example",
      "OAUTH_ISSUER", "https://engage.agency.example",
      "STAFF_ISSUER_URI", "https://login.agency.example",
      "STAFF_CLIENT_SECRET", "a-long-client-secret");
  /** Whether the JVM omits the traces of exceptions thrown often: not, as one started with {@code -XX:-OmitStackTraceInFastThrow}. */
  static final boolean TRACES_OMITTED = false;

  @Test
  void theShippedDefaultsAreRefusedEachWithWhatToSet() {
    StandardEnvironment environment = configured(Map.of());
    assertThat(ProductionSafety.problems(environment))
        .anySatisfy(p -> assertThat(p).contains("datasource is H2", "DB_URL"))
        .anySatisfy(p -> assertThat(p).contains("no server secret", "SESSION_SECRET"))
        .anySatisfy(p -> assertThat(p).contains("admin user 'admin' has a default password", "ADMIN_PASSWORD"))
        .anySatisfy(p -> assertThat(p).contains("user 'alice' has a demo password", "DEMO_PASSWORD"))
        .anySatisfy(p -> assertThat(p).contains("no mail server", "MAIL_HOST"))
        .anySatisfy(p -> assertThat(p).contains("tokens' issuer is http://localhost:8080", "OAUTH_ISSUER"))
        .anySatisfy(p -> assertThat(p).contains("agency staff would sign in with passwords", "STAFF_ISSUER_URI"));
    assertThatThrownBy(() -> new ProductionSafety().postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("The prod profile refuses to start");
  }

  @Test
  void eachSettingIsCheckedOnItsOwn() {
    Map<String, Object> safe = SAFE;
    assertThat(ProductionSafety.problems(configured(safe), java.time.ZoneOffset.UTC, TRACES_OMITTED)).isEmpty();
    for (String left : safe.keySet()) {
      Map<String, Object> oneMissing = new java.util.HashMap<>(safe);
      oneMissing.remove(left);
      assertThat(ProductionSafety.problems(configured(oneMissing), java.time.ZoneOffset.UTC, TRACES_OMITTED)).as("without " + left)
          .anySatisfy(p -> assertThat(p).contains(left));
    }
  }

  @Test
  void aShortPasswordIsRefusedToo() {
    Map<String, Object> shortOnes = new java.util.HashMap<>(SAFE);
    shortOnes.put("ADMIN_PASSWORD", "x");
    shortOnes.put("DEMO_PASSWORD", "elevenchars");
    assertThat(ProductionSafety.problems(configured(shortOnes), java.time.ZoneOffset.UTC, TRACES_OMITTED))
        .anySatisfy(p -> assertThat(p).contains("'admin' has a password shorter than 12", "ADMIN_PASSWORD"))
        .anySatisfy(p -> assertThat(p).contains("'alice' has a password shorter than 12", "DEMO_PASSWORD"));
    shortOnes.put("ADMIN_PASSWORD", "twelve-chars");
    shortOnes.put("DEMO_PASSWORD", "twelve-chars");
    assertThat(ProductionSafety.problems(configured(shortOnes), java.time.ZoneOffset.UTC, TRACES_OMITTED)).isEmpty();
  }

  @Test
  void aRealIdentityProviderForTheApiNeedsItsKeysOverHttps() {
    Map<String, Object> external = new java.util.HashMap<>(Map.of(
        "DB_URL", "jdbc:postgresql://127.0.0.1:5432/frontier", "SESSION_SECRET", "x".repeat(40),
        "ADMIN_PASSWORD", "a-long-admin-secret", "DEMO_PASSWORD", "a-long-reviewer-secret",
        "MAIL_HOST", "smtp.agency.example", "OAUTH_ISSUER", "https://login.agency.example",
        "STAFF_ISSUER_URI", "https://login.agency.example", "STAFF_CLIENT_SECRET", "a-long-client-secret",
        "OAUTH_EMBEDDED", "false"));
    assertThat(ProductionSafety.problems(configured(external), java.time.ZoneOffset.UTC, TRACES_OMITTED))
        .anySatisfy(p -> assertThat(p).contains("OAUTH_JWK_SET_URI"));
    external.put("OAUTH_JWK_SET_URI", "https://login.agency.example/jwks");
    assertThat(ProductionSafety.problems(configured(external), java.time.ZoneOffset.UTC, TRACES_OMITTED)).isEmpty();
  }

  @Test
  void productionClosesPasswordsOnTheApiAndTheWebapps() {
    StandardEnvironment environment = configured(Map.of());
    assertThat(environment.getProperty("frontier-engage.oauth.basic-auth", Boolean.class)).isFalse();
    assertThat(environment.getProperty("frontier-engage.oauth.staff.password-login", Boolean.class)).isFalse();
  }

  @Test
  void aTimeZoneWhoseOffsetChangesIsRefused() {
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneId.of("Europe/London"), TRACES_OMITTED)).singleElement()
        .asString().contains("time zone is Europe/London", "TZ=UTC");
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneId.of("America/New_York"), TRACES_OMITTED)).hasSize(1);
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneOffset.UTC, TRACES_OMITTED)).isEmpty();
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneId.of("Etc/UTC"), TRACES_OMITTED)).isEmpty();
    // no clock there changes any more (Japan's last change was in 1951): its times read back as written
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneId.of("Asia/Tokyo"), TRACES_OMITTED)).isEmpty();
  }

  @Test
  void aJvmThatOmitsTheTracesOfExceptionsThrownOftenIsRefused() {
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneOffset.UTC, true)).singleElement().asString()
        .contains("omits the stack trace", "answered 500", "-XX:-OmitStackTraceInFastThrow");
    assertThat(ProductionSafety.problems(configured(SAFE), java.time.ZoneOffset.UTC, false)).isEmpty();
  }

  @Test
  void theJvmsOwnOptionIsWhatIsRead() throws Exception {
    // a JVM of its own, with the option and without it: each says what it was started with
    for (boolean keeps : new boolean[] {true, false}) {
      List<String> command = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
      if (keeps) {
        command.add(dev.frontierengage.platform.FastThrowTraces.OPTION);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Omitted.class.getName()));
      Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
      String said = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      assertThat(jvm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(said).as("started " + (keeps ? "with" : "without") + " the option").isEqualTo("omitted=" + !keeps);
    }
    // and this JVM too, whichever way it was started (the unit tests' without, the application tests' with)
    boolean keeps = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains(dev.frontierengage.platform.FastThrowTraces.OPTION);
    assertThat(dev.frontierengage.platform.FastThrowTraces.omitted()).isEqualTo(!keeps);
  }

  @Test
  void theDraftOrderIsRefusedAsTheActivePolicy() {
    Map<String, Object> draft = new java.util.HashMap<>(SAFE);
    draft.put("POLICY", "eo-14409-draft-may-2026");
    assertThat(ProductionSafety.problems(configured(draft), java.time.ZoneOffset.UTC, TRACES_OMITTED)).singleElement().asString()
        .contains("the active policy 'eo-14409-draft-may-2026' is a draft", "POLICY");
    draft.put("POLICY", "eo-14409");
    assertThat(ProductionSafety.problems(configured(draft), java.time.ZoneOffset.UTC, TRACES_OMITTED)).isEmpty();
  }

  @Test
  void anUnreadablePolicyIsOneOfTheProblemsNotAFailureThatHidesThem() {
    Map<String, Object> unreadable = new java.util.HashMap<>(SAFE);
    unreadable.put("frontier-engage.policies.versions[0].access-cap-days", "thirty");
    unreadable.remove("SESSION_SECRET");
    assertThat(ProductionSafety.problems(configured(unreadable), java.time.ZoneOffset.UTC, TRACES_OMITTED))
        .anySatisfy(p -> assertThat(p).contains("frontier-engage.policies cannot be read"))
        .anySatisfy(p -> assertThat(p).contains("SESSION_SECRET"));
  }

  @Test
  void withoutTheProfileNothingIsChecked() {
    StandardEnvironment environment = configured(Map.of());
    environment.setActiveProfiles();
    // the same settings the prod profile refuses (theShippedDefaultsAreRefusedEachWithWhatToSet)
    org.assertj.core.api.Assertions.assertThatCode(
        () -> new ProductionSafety().postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
  }

  /** What {@code theJvmsOwnOptionIsWhatIsRead}'s JVMs run. */
  public static final class Omitted {
    public static void main(String[] arguments) {
      System.out.println("omitted=" + dev.frontierengage.platform.FastThrowTraces.omitted());
    }
  }

  /** config/application.yaml with config/application-prod.yaml over it, and the given variables. */
  private static StandardEnvironment configured(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    try {
      YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
      yaml.load("prod", new FileSystemResource(Path.of("config", "application-prod.yaml")))
          .forEach(environment.getPropertySources()::addLast);
      yaml.load("default", new FileSystemResource(Path.of("config", "application.yaml")))
          .forEach(environment.getPropertySources()::addLast);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    environment.setActiveProfiles("prod");
    return environment;
  }
}
