package dev.frontierengage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Where the figures came from: processors, memory, Java, database and the run's settings. */
final class Machine {

  private Machine() {}

  static void describe(BenchSettings settings, Report report) {
    String cpu = procLine("/proc/cpuinfo", "model name");
    String memory = procLine("/proc/meminfo", "MemTotal");
    int cores = Runtime.getRuntime().availableProcessors();
    report.figure("machine.cores", cores);
    report.figure("machine.cpu", cpu);
    report.figure("machine.memory", memory);
    report.figure("machine.java", System.getProperty("java.version"));
    report.figure("machine.loadavg_at_start", loadAverage());
    report.figure("db", settings.db());
    String arguments = settings.applicationArguments().isEmpty() ? "none (the shipped configuration)"
        : String.join(" ", settings.applicationArguments());
    report.figure("application_arguments", arguments);
    String vacuum = settings.postgres() ? Autovacuum.who() : "-";
    report.figure("postgres_vacuum", vacuum);
    String server = !settings.postgres() ? "-" : BenchServer.asked() ? BenchServer.describe()
        : "the server at " + dev.frontierengage.TestDatabase.SERVER + " as it is set (bench.pgServer=shared)";
    report.figure("postgres_server", server);
    report.data("settings", settings);
    report.head("## Frontier Engage benchmark, " + LocalDate.now());
    report.head("");
    report.head("- machine: " + cores + " cores (" + cpu + "), " + memory + " memory, Java "
        + System.getProperty("java.version"));
    report.head("- load average at the start (1, 5, 15 min): " + loadAverage()
        + "; figures on a machine that is busy with other work are lower and noisier");
    report.head("- database: " + settings.db() + "; node JVM options: " + String.join(" ", settings.jvmOptions())
        + ", environment " + BenchSettings.NODE_ENVIRONMENT + "; more application arguments: " + arguments
        + (settings.postgres() ? "; PostgreSQL: " + server + ", vacuumed by " + vacuum : ""));
    report.head("- clients " + settings.clients() + ", " + settings.seconds() + " s measured after "
        + settings.warmupSeconds() + " s warm-up; sizes " + settings.sizes() + " over "
        + settings.organizations() + " organizations; " + settings.samples() + " requests per endpoint and size");
  }

  /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException unreadable) {
      return "unknown";
    }
  }

  /**
   * CPU time so far, in ms, of the process {@code pid} (user and system, from /proc), or -1 when
   * unreadable. Clock ticks are taken as 100 a second, Linux's {@code USER_HZ} on every
   * architecture the JDK runs on.
   */
  static long cpuMillis(long pid) {
    try {
      return statCpuMillis(Path.of("/proc", String.valueOf(pid), "stat"));
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** User and system CPU ms of a {@code stat} file of /proc (a process's or a thread's). */
  private static long statCpuMillis(Path file) throws IOException {
    String[] fields = statFields(file);
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime and stime, fields 14 and 15
  }

  /** The fields of a {@code stat} file of /proc after the command name: index 0 is field 3. */
  private static String[] statFields(Path file) throws IOException {
    String stat = Files.readString(file);
    // the command name, field 2, is in parentheses and may hold spaces: count from its end
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
  }

  /**
   * CPU time so far, in ms, of the threads of process {@code pid} whose name begins with one of
   * {@code prefixes} (as the kernel keeps it: its first 15 characters, e.g. {@code C2 CompilerThre}),
   * or -1 when unreadable. A thread that ended is no longer counted.
   */
  static long threadCpuMillis(long pid, String... prefixes) {
    long total = 0;
    try (var threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(thread.resolve("comm")).trim();
          if (java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)) {
            total += statCpuMillis(thread.resolve("stat"));
          }
        } catch (IOException | RuntimeException ended) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
    return total;
  }

  /** The node's JIT so far: the CPU ms of its compiler threads (C1 and C2), or -1. */
  static long jitMillis(long pid) {
    return threadCpuMillis(pid, "C1 CompilerThre", "C2 CompilerThre");
  }

  /** CPU ms so far of the node's code cache sweeper, which flushes compiled code (then compiled again when hot), or -1. */
  static long sweeperMillis(long pid) {
    return threadCpuMillis(pid, "Sweeper thread");
  }

  /**
   * CPU time so far, in ms, of the processes whose command is {@code command} (PostgreSQL's:
   * "postgres"), those that ended included: each one's own time and that of its children that
   * ended (the postmaster's share holds every backend and vacuum connection that closed), so
   * that a connection closing between two readings does not take its time out of the difference;
   * -1 when none is seen.
   */
  static long cpuMillisOf(String command) {
    String[] entries = new java.io.File("/proc").list();
    if (entries == null) {
      return -1;
    }
    long total = 0;
    boolean seen = false;
    for (String name : entries) {
      if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
        continue;
      }
      try {
        Path process = Path.of("/proc", name);
        if (command.equals(Files.readString(process.resolve("comm")).trim())) {
          String[] fields = statFields(process.resolve("stat"));
          // utime, stime, cutime and cstime: fields 14 to 17
          total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
              + Long.parseLong(fields[14])) * 10;
          seen = true;
        }
      } catch (IOException | RuntimeException gone) {
        // ended meanwhile: its time is its parent's now
      }
    }
    return seen ? total : -1;
  }

  private static String procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException | RuntimeException unreadable) {
      return "unknown";
    }
  }
}
