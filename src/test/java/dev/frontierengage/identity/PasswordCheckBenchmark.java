package dev.frontierengage.identity;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;

/**
 * Prints what one password check costs: bcrypt (what is stored), the engine's former SHA-512,
 * and a hit in {@link CredentialCache} (what a steady-state API call pays). Not a test: run
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.frontierengage.identity.PasswordCheckBenchmark}.
 */
public final class PasswordCheckBenchmark {

  private PasswordCheckBenchmark() {}

  public static void main(String[] args) {
    SecuritySettings settings = new SecuritySettings("benchmark-secret-0123456789abcdef",
        Duration.ofMinutes(1), 10, 0, 0, null);
    BcryptPasswordEncryptor bcrypt = new BcryptPasswordEncryptor(settings.bcryptStrength());
    String stored = bcrypt.encrypt("correct horse battery staple");
    Sha512HashDigest sha = new Sha512HashDigest();
    String shaStored = sha.encrypt("correct horse battery staple");
    CredentialCache cache = new CredentialCache(settings);
    cache.remember("alice", "correct horse battery staple", List.of("developers", "org-acme"), cache.generation());

    report("bcrypt(" + settings.bcryptStrength() + ") check", 30,
        () -> bcrypt.check("correct horse battery staple", stored));
    report("SHA-512 check (engine default)", 20_000,
        () -> sha.check("correct horse battery staple", shaStored));
    report("credential cache hit (HMAC-SHA256)", 200_000,
        () -> cache.groupsIfVerified("alice", "correct horse battery staple") != null);
  }

  private static void report(String what, int rounds, java.util.function.BooleanSupplier check) {
    for (int i = 0; i < Math.min(rounds, 1000); i++) {
      check.getAsBoolean();
    }
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      if (!check.getAsBoolean()) {
        throw new IllegalStateException(what + " failed");
      }
    }
    double micros = (System.nanoTime() - start) / 1000.0 / rounds;
    System.out.printf("%-40s %12.2f us per check (%d rounds)%n", what, micros, rounds);
  }
}
