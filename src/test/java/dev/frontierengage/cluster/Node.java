package dev.frontierengage.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application as a separate JVM on 127.0.0.1: started, health-polled with a
 * deadline, stopped or killed with {@code kill -9}. Always stopped by {@link #close}. Public for
 * the benchmark ({@code dev.frontierengage.bench}), which also reads its pid.
 */
public final class Node implements AutoCloseable {

  /** The JVM options the README recommends for a node (the benchmark's default for its nodes). */
  public static final List<String> RECOMMENDED_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
      "-XX:ReservedCodeCacheSize=64m", "-Djdk.nio.maxCachedBufferSize=262144", "-XX:-OmitStackTraceInFastThrow");

  /**
   * The JVM options of the cluster tests: the {@linkplain #RECOMMENDED_JVM_OPTIONS recommended}
   * ones, and C1 only. A test's node lives a few minutes on two cores shared with the database, the
   * test and (TwoNodesIT, NodeLossIT) another node. Runs of TwoNodesIT alone: 175-195 s with the
   * earlier options ({@code -Xmx512m}, G1), about a tenth less with the recommended ones, 117-134 s
   * with C1 only as well, whose compiler's work saved more than its slower code cost (NodeLossIT
   * 105 s and 71-83 s, CrashDurabilityIT on PostgreSQL 53 s and 35-41 s, before and after). The
   * tests check what happens, not how fast; the benchmark's nodes run with C2.
   */
  public static final List<String> DEFAULT_JVM_OPTIONS = Stream.concat(
      RECOMMENDED_JVM_OPTIONS.stream(), Stream.of("-XX:TieredStopAtLevel=1")).toList();


  private final Process process;
  private final int port;
  private final Path log;

  private Node(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the jar in the repository root (so it reads ./config) with the given arguments. */
  public static Node start(Path log, List<String> arguments, java.util.Map<String, String> environment)
      throws IOException {
    return start(log, DEFAULT_JVM_OPTIONS, arguments, environment);
  }

  /** The same, with the given JVM options instead of {@link #DEFAULT_JVM_OPTIONS}. */
  public static Node start(Path log, List<String> jvmOptions, List<String> arguments,
      java.util.Map<String, String> environment) throws IOException {
    return start(log, jvmOptions, jar(), arguments, environment);
  }

  /** The same, from another jar of the application (the benchmark's extracted one). */
  public static Node start(Path log, List<String> jvmOptions, Path jar, List<String> arguments,
      java.util.Map<String, String> environment) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new Node(process, port, log);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Polls /actuator/health until it answers 200, for at most {@code timeout}. */
  public Node awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited with " + process.exitValue() + "; its log ends:\n" + tail());
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("node not healthy within " + timeout + "; its log ends:\n" + tail());
  }

  /** The last lines of the node's log, for a failure message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGSTOP: the node freezes where it is, holding its connections, locks and jobs. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** SIGCONT: a paused node goes on. */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
    }
  }

  /** The operating system's id of the node's JVM. */
  public long pid() {
    return process.pid();
  }

  /** kill -9: no shutdown hook, no flush, nothing graceful. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** The packaged jar in target/. */
  public static Path jar() throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "frontier-engage-*.jar")) {
      for (Path jar : jars) {
        if (!jar.toString().endsWith("-plain.jar")) {
          return jar;
        }
      }
    }
    throw new IllegalStateException("no packaged jar in target/: run mvn verify, which packages first");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
