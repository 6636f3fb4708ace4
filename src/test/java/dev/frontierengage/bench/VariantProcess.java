package dev.frontierengage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's handle on one variant's JVM ({@link VariantJvm}): started with the benchmark
 * JVM's own options and classpath and every {@code bench.*} and {@code test.*} property, its output
 * written to {@code <work>/<key>.log} (its {@code BENCH} lines also printed here; its standard
 * error to {@code <key>.err.log}), asked one command at a
 * time. The benchmark's JVM sends a command and waits; only one variant runs at a time, the others
 * sit idle (their job executors polling, as they did when all shared one JVM).
 */
final class VariantProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The longest a command may take: a warm-up or an ageing of the most chunks, or a measured
   * round, three times over, and at least an hour.
   */
  private static final long COMMAND_TIMEOUT_MINUTES = Math.max(60, 3 * (EngineComparison.MAX_WARMUP_CHUNKS
      * (long) EngineComparison.CHUNK_SECONDS + Integer.getInteger("bench.seconds", 60)) / 60);
  private static final JsonNode ENDED = JSON.createObjectNode().put("error", "the variant's JVM ended");

  private final String key;
  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final JsonNode hello;

  private VariantProcess(String key, Process process, Path log) throws IOException, InterruptedException {
    this.key = key;
    this.process = process;
    this.commands = new PrintWriter(new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
        true);
    Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> read(logFile), "bench-variant-output-" + key);
    reader.setDaemon(true);
    reader.start();
    this.hello = next("start");
  }

  /**
   * Starts the variant's JVM and waits until it has its database and engine.
   *
   * @param engineSettings ours' {@code engineSettings} (JSON) for an anchor, {@code null} for ours
   */
  static VariantProcess start(String key, Path work, JsonNode engineSettings) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // a debugger's or an agent's port cannot be shared; a flight recording names its file per variant
      if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-javaagent")) {
        command.add(option.replace("{variant}", key));
      }
    }
    // the benchmark's settings, and the PostgreSQL server its databases are made on (test.pgServer)
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("bench.") || name.startsWith("test.")).sorted()
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    // the classpath in an argument file: the test classpath is longer than a command line should be
    Path classpath = work.resolve(key + ".classpath");
    Files.writeString(classpath, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    command.add("@" + classpath.toAbsolutePath());
    command.add(VariantJvm.class.getName());
    command.add(key);
    command.add(work.toString());
    if (engineSettings != null) {
      command.add(JSON.writeValueAsString(engineSettings));
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        // its standard error apart: a line written there cannot land inside an answer
        .redirectError(ProcessBuilder.Redirect.to(work.resolve(key + ".err.log").toFile()));
    // options from the environment are in this JVM's input arguments already (and filtered there)
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    try {
      return new VariantProcess(key, process, work.resolve(key + ".log"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** What it answered on start: {@code engineSettings} (ours) and {@code jdbcUrl}. */
  JsonNode hello() {
    return hello;
  }

  String key() {
    return key;
  }

  /** Sends {@code command} and returns its answer; throws what the variant answered as an error. */
  JsonNode call(String command) throws InterruptedException {
    commands.println(command);
    return next(command);
  }

  <T> T call(String command, Class<T> type) throws InterruptedException, IOException {
    return JSON.treeToValue(call(command), type);
  }

  private JsonNode next(String command) throws InterruptedException {
    JsonNode reply = replies.poll(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (reply == null) {
      throw new IllegalStateException(key + ": no answer to " + command + " in " + COMMAND_TIMEOUT_MINUTES + " min");
    }
    if (reply.has("error")) {
      throw new IllegalStateException(key + ": " + command + " failed: " + reply.get("error").asText()
          + " (its log: " + key + ".log in the benchmark's work directory)");
    }
    return reply;
  }

  private void read(Writer log) {
    try (log; BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(VariantJvm.REPLY)) {
          try {
            replies.add(JSON.readTree(line.substring(VariantJvm.REPLY.length())));
          } catch (IOException unreadable) {
            replies.add(JSON.createObjectNode().put("error", "an answer that is not JSON: " + line));
          }
        } else {
          if (line.startsWith("BENCH")) {
            System.out.println(line);
          }
          log.write(line);
          log.write('\n');
          log.flush();
        }
      }
    } catch (IOException e) {
      System.out.println("BENCH " + key + ": its output could not be read: " + e);
    } finally {
      replies.add(ENDED);
    }
  }

  /** Asks it to close its engine and database, and waits until it has ended. */
  @Override
  public void close() throws InterruptedException {
    try {
      commands.println("quit");
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        System.out.println("BENCH " + key + ": its JVM did not end in 2 min after quit; stopped");
        process.destroyForcibly().waitFor();
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
