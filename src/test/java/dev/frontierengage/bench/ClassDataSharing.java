package dev.frontierengage.bench;

import dev.frontierengage.cluster.Node;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The start-up the README recommends for a node: the jar extracted by Spring Boot's
 * {@code -Djarmode=tools extract} (plain jars on a class path instead of jars nested in a jar)
 * and a class-data-sharing archive written by one training start that exits once the
 * application context is refreshed ({@code -XX:ArchiveClassesAtExit},
 * {@code -Dspring.context.exit=onRefresh}). Later starts map the archive
 * ({@code -XX:SharedArchiveFile}) instead of reading, parsing and verifying the same classes again.
 */
final class ClassDataSharing {

  static final long TIMEOUT_MINUTES = 5;

  /** The extracted jar and its archive; {@code seconds} the extraction and training took. */
  record Prepared(Path jar, Path archive, double seconds) {
    List<String> jvmOptions(List<String> base) {
      List<String> options = new ArrayList<>(base);
      options.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
      return options;
    }
  }

  private ClassDataSharing() {}

  /**
   * Extracts the packaged jar into {@code directory} and trains the archive by starting it once
   * with {@code jvmOptions} on the database of {@code databaseArguments} (from the repository
   * root, so the training start reads ./config as a node does).
   */
  static Prepared prepare(Path directory, List<String> jvmOptions, List<String> databaseArguments,
      Map<String, String> environment) throws IOException, InterruptedException {
    long started = System.nanoTime();
    delete(directory);
    Files.createDirectories(directory);
    Path application = directory.resolve("application");
    Path log = directory.resolve("prepare.log");
    run(List.of(java(), "-Djarmode=tools", "-jar", Node.jar().toAbsolutePath().toString(), "extract",
        "--destination", application.toAbsolutePath().toString()), log, environment);
    Path jar = application.resolve(Node.jar().getFileName());
    Path archive = directory.resolve("application.jsa");
    List<String> training = new ArrayList<>(List.of(java()));
    training.addAll(jvmOptions);
    training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(), "-Dspring.context.exit=onRefresh",
        "-jar", jar.toAbsolutePath().toString(), "--server.port=0", "--server.address=127.0.0.1"));
    training.addAll(databaseArguments);
    run(training, log, environment);
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training start wrote no archive; see " + log);
    }
    return new Prepared(jar, archive, EngagementBenchmark.seconds(started));
  }

  private static void run(List<String> command, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(new File("").getAbsoluteFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException("not done within " + TIMEOUT_MINUTES + " minutes: " + command + "; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "; see " + log);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Deletes {@code directory} and all in it, if it exists. */
  static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
