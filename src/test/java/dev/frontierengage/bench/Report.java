package dev.frontierengage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run: one {@code BENCH key=value} line on stdout as each is measured, and at
 * the end (and after each part, so a failed run keeps what it measured) {@code results.json}
 * and {@code results.md} in {@code target/bench/}.
 */
final class Report {

  private final Path directory;
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final List<String> head = new ArrayList<>();
  private final List<String> markdown = new ArrayList<>();

  Report(Path directory) {
    this.directory = directory;
  }

  /** A figure: printed now, kept in the JSON under its dotted key. */
  void figure(String key, Object value) {
    System.out.println("BENCH " + key + "=" + value);
    json.put(key, value);
  }

  /** Structured data for the JSON only (tables of latencies). */
  void data(String key, Object value) {
    json.put(key, value);
  }

  /** Lines shown first in results.md: the machine and the targets. */
  void head(String line) {
    head.add(line);
  }

  void heading(String text) {
    markdown.add("");
    markdown.add("### " + text);
    markdown.add("");
  }

  void text(String line) {
    markdown.add(line);
  }

  void table(List<String> header, List<List<Object>> rows) {
    markdown.addAll(table(header, rows, new ArrayList<>()));
  }

  static List<String> table(List<String> header, List<List<Object>> rows, List<String> lines) {
    lines.add("| " + String.join(" | ", header) + " |");
    lines.add("|" + "---|".repeat(header.size()));
    for (List<Object> row : rows) {
      lines.add("| " + String.join(" | ", row.stream().map(String::valueOf).toList()) + " |");
    }
    return lines;
  }

  void latencyTable(Map<String, Latencies.Stats> stats) {
    List<List<Object>> rows = new ArrayList<>();
    stats.forEach((endpoint, s) -> rows.add(List.of("`" + endpoint + "`", s.count(), s.p50(), s.p95(), s.p99(), s.max())));
    table(List.of("endpoint", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms"), rows);
  }

  void write() throws IOException {
    Files.createDirectories(directory);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("results.json").toFile(), json);
    List<String> all = new ArrayList<>(head);
    all.addAll(markdown);
    Files.write(directory.resolve("results.md"), all);
  }
}
