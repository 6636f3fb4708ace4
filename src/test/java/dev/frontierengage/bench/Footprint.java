package dev.frontierengage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/<pid>/status} (Linux). */
final class Footprint {

  private Footprint() {}

  /** VmRSS in MB, or -1 where /proc cannot tell. */
  static double residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 102.4) / 10.0;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux, or the process is gone
    }
    return -1;
  }
}
