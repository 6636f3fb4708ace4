package dev.frontierengage.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time the node, the benchmark's own JVM (the clients) and PostgreSQL's processes spent
 * between {@link #start} and {@link #end}: on a machine of 2 cores all three share them, so a
 * client's own work is CPU the node does not get. Of the node's, its JIT (the compiler threads)
 * and its code cache sweeper are given apart too.
 */
final class CpuSplit {

  /** What each spent, in ms ({@code -1}: unreadable), over {@code wallMs}. */
  record Spent(double wallMs, Map<String, Long> byProcess) {}

  private final long node;
  private final boolean postgres;
  private final long started = System.nanoTime();
  private final Map<String, Long> before;

  private CpuSplit(long node, boolean postgres) {
    this.node = node;
    this.postgres = postgres;
    this.before = now();
  }

  /** From now, for the node {@code nodePid} and the benchmark's JVM, and PostgreSQL's processes if {@code postgres}. */
  static CpuSplit start(long nodePid, boolean postgres) {
    return new CpuSplit(nodePid, postgres);
  }

  Spent end() {
    double wall = (System.nanoTime() - started) / 1e6;
    Map<String, Long> after = now();
    Map<String, Long> spent = new LinkedHashMap<>();
    after.forEach((process, ms) -> {
      long was = before.getOrDefault(process, -1L);
      spent.put(process, ms < 0 || was < 0 ? -1 : ms - was);
    });
    return new Spent(wall, spent);
  }

  private Map<String, Long> now() {
    Map<String, Long> ms = new LinkedHashMap<>();
    ms.put("node", Machine.cpuMillis(node));
    ms.put("node.jit", Machine.jitMillis(node)); // of the node's: its compiler threads
    ms.put("node.sweeper", Machine.sweeperMillis(node)); // of the node's: flushing compiled code
    ms.put("clients", Machine.cpuMillis(ProcessHandle.current().pid()));
    if (postgres) {
      ms.put("postgres", Machine.cpuMillisOf("postgres"));
    }
    return ms;
  }
}
