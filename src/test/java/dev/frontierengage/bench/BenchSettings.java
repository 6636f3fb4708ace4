package dev.frontierengage.bench;

import dev.frontierengage.cluster.Node;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run measures, from system properties ({@code mvn -Pbench verify
 * -Dbench.sizes=1000,10000 -Dbench.seconds=20}).
 *
 * @param db {@code h2} (the embedded default) or {@code postgres} (127.0.0.1:5432)
 * @param clients concurrent clients of the lifecycle runs, over HTTP and in-process
 * @param seconds measured time of each lifecycle run
 * @param warmupSeconds time each lifecycle run runs first, unmeasured, to warm the JIT
 * @param sizes engagement counts of the scale runs; by default 1,000, 10,000 and 100,000 on
 *     PostgreSQL, 1,000 and 10,000 on H2, whose file store loads 100,000 too slowly for one run
 * @param organizations developer organizations the preloaded engagements are spread over
 * @param samples requests per endpoint at each size
 * @param preloadThreads threads that preload engagements
 * @param jvmOptions of the node (the packaged jar)
 * @param parts what to run: {@code startup} (the jar and the jar with a class-data-sharing archive),
 *     {@code lifecycles} (over HTTP and in-process), {@code scale}
 * @param keep whether the databases stay after the run (for analysis; their names are printed)
 * @param applicationArguments more arguments for the node and the in-process application of every
 *     part, each starting with {@code --}, to weigh a setting ({@code --camunda.bpm.history-level=audit},
 *     say); none by default
 * @param rounds measured runs of each in-process variant (ours and the two anchors), interleaved;
 *     medians are reported
 */
record BenchSettings(String db, int clients, int seconds, int warmupSeconds, List<Integer> sizes,
    int organizations, int samples, int preloadThreads, List<String> jvmOptions, List<String> parts,
    boolean keep, List<String> applicationArguments, int rounds) {

  /** The JVM options the README recommends for a node; with {@link #NODE_ENVIRONMENT}. */
  static final String NODE_JVM = String.join(" ", Node.RECOMMENDED_JVM_OPTIONS);
  /** Two malloc arenas instead of one per thread: some 100 MB less resident memory. */
  static final java.util.Map<String, String> NODE_ENVIRONMENT = java.util.Map.of("MALLOC_ARENA_MAX", "2");

  /** The kind of database of this run ({@code bench.db}): {@code h2} unless set. */
  static String databaseKind() {
    return System.getProperty("bench.db", "h2");
  }

  static BenchSettings fromSystemProperties() {
    String db = databaseKind();
    String sizes = System.getProperty("bench.sizes", "");
    if (sizes.isBlank()) {
      sizes = "postgres".equals(db) ? "1000,10000,100000" : "1000,10000";
    }
    return new BenchSettings(
        db,
        Integer.getInteger("bench.clients", 16),
        Integer.getInteger("bench.seconds", 60),
        Integer.getInteger("bench.warmup", 15),
        Arrays.stream(sizes.split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).sorted().toList(),
        Integer.getInteger("bench.organizations", 10),
        Integer.getInteger("bench.samples", 200),
        Integer.getInteger("bench.preloadThreads", 2),
        Arrays.stream(System.getProperty("bench.jvm", NODE_JVM).trim().split("\\s+"))
            .filter(s -> !s.isEmpty()).toList(),
        List.of(System.getProperty("bench.parts", "startup,lifecycles,scale").split(",")),
        Boolean.getBoolean("bench.keep"),
        // each argument starts with --; a value may hold spaces
        Arrays.stream(System.getProperty("bench.args", "").trim().split("\\s+(?=--)"))
            .filter(s -> !s.isEmpty()).toList(),
        Integer.getInteger("bench.rounds", 3));
  }

  boolean postgres() {
    return "postgres".equals(db);
  }
}
