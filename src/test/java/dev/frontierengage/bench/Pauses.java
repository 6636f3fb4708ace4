package dev.frontierengage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stopped the node or slowed its database during a measured window, beside the latencies,
 * so that a slow call can be told from a slow moment: the node's garbage-collection pauses, read
 * from its GC log ({@link #gcLogOption}: each line stamped with the UTC time it was written, at
 * the end of the pause), and the time the benchmark's own vacuums ran ({@link Autovacuum}).
 */
final class Pauses {

  /** Pauses (or vacuums) that overlap a window: how many, their sum and the longest, in ms (whole, also where they overlap it only in part). */
  record Summary(int count, double totalMs, double maxMs) {

    static final Summary NONE = new Summary(0, 0, 0);

    Summary plus(double ms) {
      return new Summary(count + 1, totalMs + ms, Math.max(maxMs, ms));
    }

    @Override
    public String toString() {
      return count + " (" + round(totalMs) + " ms in all, longest " + round(maxMs) + " ms)";
    }
  }

  /** A time and how long it took. */
  record Span(Instant end, double ms) {}

  /** {@code -Xlog:gc} for the node, to {@code log}, each line stamped with UTC time. */
  static String gcLogOption(Path log) {
    return "-Xlog:gc:file=" + log.toAbsolutePath() + ":utctime";
  }

  // [2026-12-03T15:30:01.123+0000] GC(3) Pause Young (Allocation Failure) 68M->20M(247M) 5.123ms
  private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** The pauses of a GC log as written by {@link #gcLogOption}; lines of another kind are skipped. */
  static List<Span> gcPauses(List<String> lines) {
    List<Span> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      try {
        pauses.add(new Span(OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant(), Double.parseDouble(m.group(2))));
      } catch (DateTimeParseException e) {
        // a line of another decoration: not a pause this reader can place in time
      }
    }
    return pauses;
  }

  /** The node's GC pauses that overlap [from, to], from its log (none if it has no log). */
  static Summary gcPauses(Path log, Instant from, Instant to) {
    try {
      return Files.exists(log) ? within(gcPauses(Files.readAllLines(log)), from, to) : Summary.NONE;
    } catch (IOException e) {
      return Summary.NONE;
    }
  }

  /** The spans that overlap [from, to]. */
  static Summary within(List<Span> spans, Instant from, Instant to) {
    Summary summary = Summary.NONE;
    for (Span span : spans) {
      Instant start = span.end().minusNanos(Math.round(span.ms() * 1e6));
      if (!span.end().isBefore(from) && !start.isAfter(to)) {
        summary = summary.plus(span.ms());
      }
    }
    return summary;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private Pauses() {}
}
