package dev.frontierengage.bench;

import java.util.ArrayList;
import java.util.List;

/** The targets beside what was measured: reported, never asserted. */
final class Targets {

  private final Report report;
  private final List<List<Object>> rows = new ArrayList<>();

  Targets(Report report) {
    this.report = report;
  }

  void check(String what, Object measured, String aim, boolean met) {
    rows.add(List.of(what, measured, aim, met ? "met" : "**missed**"));
    System.out.println("BENCH-TARGET " + (met ? "met" : "MISSED") + ": " + what + " = " + measured + " (aim " + aim + ")");
  }

  /** Adds the table of targets to the head of results.md. */
  void write() {
    report.head("");
    report.head("### Targets");
    report.head("");
    Report.table(List.of("target", "measured", "aim", ""), rows, new ArrayList<>()).forEach(report::head);
  }
}
