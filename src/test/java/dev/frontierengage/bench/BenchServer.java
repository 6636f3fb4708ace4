package dev.frontierengage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the benchmark's own, set as a production server of this machine's size
 * would be ({@link #SETTINGS}), on 127.0.0.1 and a free port, its files in the benchmark's work
 * directory; stopped and deleted by {@link #close} (and when the JVM ends).
 *
 * <p>Why not the machine's shared server: it runs PostgreSQL's defaults for a small machine,
 * 128 MB of shared buffers and a checkpoint whenever the log has grown by some 0.5 GB of its 1 GB
 * {@code max_wal_size}, and its autovacuum is off. Under the benchmark's load its databases
 * (about 1 GB each after the warm-ups) evict each other's pages from the buffers, and the log,
 * some 1.5 MB per lifecycle, keeps it checkpointing back to back, so that nearly every change of
 * a page logs the whole page again: what a round costs the server then depends on which variant
 * ran before it and where the running checkpoint stood, more than on the variant. A production
 * server is set for its load ({@code README}, PostgreSQL: the settings recommended there are
 * these).
 *
 * <p>{@code bench.pgServer}: {@code own} (the default) starts it, with the PostgreSQL found under
 * {@code /usr/lib/postgresql} (the newest) or in {@code bench.pgBin}; {@code shared} uses
 * {@code test.pgServer} (the machine's server by default) as it is. Running as root, the server
 * runs as the operating system's user {@code postgres}, which PostgreSQL requires.
 */
final class BenchServer implements AutoCloseable {

  /**
   * The settings the server starts with: sized for this machine (24 GB, 2 cores, the node beside
   * the database) as a tuning guide sizes a dedicated one, at a quarter of that memory for the
   * buffers; the log room such that checkpoints come from {@code checkpoint_timeout} (5 min), not
   * from the log's growth; autovacuum on, with its defaults.
   */
  static final List<String> SETTINGS = List.of("shared_buffers=4GB", "effective_cache_size=12GB",
      "maintenance_work_mem=512MB", "wal_buffers=16MB", "min_wal_size=1GB", "max_wal_size=8GB",
      "checkpoint_completion_target=0.9", "autovacuum=on", "max_connections=200",
      // the time the server spends on each statement text, per database, for the rounds' figures
      // (BenchDatabase#activity); it costs every variant alike
      "shared_preload_libraries=pg_stat_statements");

  private final Path directory;
  private final String bin;
  private final boolean asPostgres;
  private final int port;
  private final Thread stopAtExit;

  private BenchServer(Path directory, String bin, boolean asPostgres, int port) {
    this.directory = directory;
    this.bin = bin;
    this.asPostgres = asPostgres;
    this.port = port;
    this.stopAtExit = new Thread(this::stop, "bench-pg-stop");
  }

  /** Whether the run asks for a server of its own ({@code bench.pgServer}, {@code own} by default). */
  static boolean asked() {
    String which = System.getProperty("bench.pgServer", "own");
    if (!"own".equals(which) && !"shared".equals(which)) {
      throw new IllegalArgumentException("bench.pgServer is own or shared, not " + which);
    }
    return "own".equals(which);
  }

  /**
   * Starts a server in {@code work}/pg (an earlier run's files there are deleted first; a server
   * left running there is stopped). Fails with what to do when no PostgreSQL is installed.
   */
  static BenchServer start(Path work) throws IOException, InterruptedException {
    String bin = bin();
    if (bin == null || !Files.isExecutable(Path.of(bin, "initdb"))) {
      throw new IllegalStateException("no PostgreSQL to start (initdb not found under /usr/lib/postgresql/*/bin"
          + " or in bench.pgBin): install it, name it with -Dbench.pgBin=..., or run on a server of your own"
          + " with -Dbench.pgServer=shared -Dtest.pgServer=jdbc:postgresql://host:port/");
    }
    Path directory = work.resolve("pg").toAbsolutePath();
    boolean root = "root".equals(System.getProperty("user.name"));
    new BenchServer(directory, bin, root, 0).stop(); // one an earlier run left running (it was killed)
    ClassDataSharing.delete(directory);
    Files.createDirectories(directory);
    if (root) {
      // PostgreSQL refuses to run as root: its files belong to its own user
      var postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(directory, postgres);
    }
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    BenchServer server = new BenchServer(directory, bin, root, port);
    server.run(List.of("initdb", "-D", directory.resolve("data").toString(), "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--locale=C.UTF-8"));
    List<String> options = new ArrayList<>(List.of("listen_addresses=127.0.0.1", "port=" + port,
        "unix_socket_directories=" + directory));
    options.addAll(SETTINGS);
    StringBuilder o = new StringBuilder();
    for (String option : options) {
      o.append(" -c ").append(option);
    }
    Runtime.getRuntime().addShutdownHook(server.stopAtExit);
    server.run(List.of("pg_ctl", "-D", directory.resolve("data").toString(), "-l", directory.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", o.toString().trim(), "start"));
    return server;
  }

  /** Its JDBC URL, without a database: {@code jdbc:postgresql://127.0.0.1:<port>/}. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/";
  }

  /**
   * Makes it the server the run's databases are created on ({@code test.pgServer}, which the
   * benchmark's JVM must not have read yet, and which the variants' JVMs are given); returns it.
   */
  BenchServer forTheRun() {
    System.setProperty("test.pgServer", url());
    if (!url().equals(dev.frontierengage.TestDatabase.SERVER)) {
      close();
      throw new IllegalStateException("test.pgServer was read before the benchmark's server started");
    }
    return this;
  }

  /** The settings it runs with, for the report. */
  static String describe() {
    return "a server of the benchmark's own (PostgreSQL " + version() + "): " + String.join(", ", SETTINGS);
  }

  private static String version() {
    String bin = bin();
    return bin == null ? "?" : Path.of(bin).getParent().getFileName().toString();
  }

  /** The PostgreSQL binaries' directory: {@code bench.pgBin}, else the newest installed; null if none. */
  private static String bin() {
    return System.getProperty("bench.pgBin", newestBin());
  }

  /** The newest PostgreSQL's bin directory under /usr/lib/postgresql (Debian's layout), or null. */
  private static String newestBin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(v -> v.getFileName().toString().matches("\\d+") && Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin").toString()).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.add(Path.of(bin, command.get(0)).toString());
    full.addAll(command.subList(1, command.size()));
    Path output = Files.createTempFile("bench-pg", ".log");
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed (" + process.exitValue() + "): "
            + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private void stop() {
    if (!Files.exists(directory.resolve("data/postmaster.pid"))) {
      return;
    }
    try {
      run(List.of("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    } catch (IOException | RuntimeException e) {
      System.out.println("BENCH-PG could not stop the server in " + directory + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException exiting) {
      // the JVM is ending: the hook runs
    }
    try {
      ClassDataSharing.delete(directory);
    } catch (IOException e) {
      System.out.println("BENCH-PG could not delete " + directory + ": " + e.getMessage());
    }
  }
}
