package dev.frontierengage.bench;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;

/**
 * Where an H2 database's commits wrote, by table: the bytes of the pages its last chunks hold
 * (each commit writes one chunk with every page it changed: {@code WRITE_DELAY=0}), grouped by
 * the table each page belongs to (its rows, or its indexes), the transactions' undo logs and the
 * store's own maps. Run on the closed files of a benchmark run kept with {@code bench.keep}, ours
 * against anchor (a), to see what ours' commits write that the anchor's do not:
 *
 * <pre>
 * java @target/bench/work-h2/inprocess.classpath dev.frontierengage.bench.H2Writes \
 *   target/bench/work-h2/in-process/data/frontier-engage.mv.db \
 *   target/bench/work-h2/anchor-stub-beans/data/stub-beans.mv.db 1000
 * </pre>
 *
 * The two sides are scaled to the same work of the engine (the bytes written to the engine's own
 * tables, {@code ACT_*}), since the last chunks of two databases hold different numbers of
 * lifecycles. Reading a file's table names opens it as a database, which writes to it: the
 * chunks are read first, and the names after.
 */
public final class H2Writes {

  private H2Writes() {}

  /** What the last chunks of a file hold: how many chunks, and the bytes of their pages by map id. */
  record Chunks(int count, Map<Integer, Long> bytesByMap) {}

  /** The pages' bytes by map of the {@code last} chunks of the file (by version: the newest). */
  static Chunks lastChunks(Path file, int last) {
    Pattern header = Pattern.compile("chunkHeader chunk:[0-9a-f]+,.*\\bversion:([0-9a-f]+)");
    Pattern map = Pattern.compile("^map ([0-9a-f]+): (\\d+) bytes");
    TreeMap<Long, Map<Integer, Long>> byVersion = new TreeMap<>();
    Writer lines = new Writer() {
      private final StringBuilder line = new StringBuilder();
      private Map<Integer, Long> chunk;

      @Override
      public void write(char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          if (text[i] == '\n') {
            line(line.toString());
            line.setLength(0);
          } else {
            line.append(text[i]);
          }
        }
      }

      private void line(String text) {
        Matcher chunkHeader = header.matcher(text);
        if (chunkHeader.find()) {
          chunk = new HashMap<>();
          byVersion.put(Long.parseLong(chunkHeader.group(1), 16), chunk);
          if (byVersion.size() > last) {
            byVersion.pollFirstEntry();
          }
          return;
        }
        if (text.startsWith("page size total")) {
          chunk = null; // the file's totals follow: no chunk's
          return;
        }
        Matcher pages = map.matcher(text);
        if (chunk != null && pages.find()) {
          chunk.merge(Integer.parseInt(pages.group(1), 16), Long.parseLong(pages.group(2)), Long::sum);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    MVStoreTool.dump(file.toString(), lines, false);
    Map<Integer, Long> total = new HashMap<>();
    byVersion.values().forEach(chunk -> chunk.forEach((id, bytes) -> total.merge(id, bytes, Long::sum)));
    return new Chunks(byVersion.size(), total);
  }

  /** The store's name of each of {@code ids} ({@code table.12}, {@code index.40}, {@code undoLog.3}, ...). */
  static Map<Integer, String> mapNames(Path file, Iterable<Integer> ids) {
    Map<Integer, String> names = new HashMap<>();
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      for (int id : ids) {
        String name = store.getMapName(id);
        names.put(id, name != null ? name : id == 0 ? "the store's layout (its chunks, each map's root)"
            : id == 1 ? "the store's meta map" : "map " + Integer.toHexString(id));
      }
    } finally {
      store.close();
    }
    return names;
  }

  /** The table each of the database's tables' and indexes' maps belongs to ({@code table.12} → {@code FE_OUTBOX}). */
  static Map<String, String> tablesByMap(Path file) throws SQLException {
    String database = file.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
    Map<String, String> tables = new HashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database + ";IFEXISTS=TRUE", "sa", "");
        ResultSet rows = connection.createStatement().executeQuery(
            "SELECT 'table.' || DB_OBJECT_ID('TABLE', TABLE_SCHEMA, TABLE_NAME), TABLE_NAME"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " UNION ALL SELECT 'index.' || DB_OBJECT_ID('INDEX', INDEX_SCHEMA, INDEX_NAME), TABLE_NAME"
                + " FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = 'PUBLIC'")) {
      while (rows.next()) {
        tables.put(rows.getString(1), rows.getString(2));
      }
    }
    return tables;
  }

  /**
   * The last chunks' bytes by what they belong to: a table's rows ({@code FE_OUTBOX}), its
   * indexes ({@code FE_OUTBOX (indexes)}), the open transactions' undo logs ({@code undo logs}),
   * or another map of the store by its name.
   */
  static Map<String, Long> byTable(Map<Integer, Long> bytesByMap, Map<Integer, String> mapNames,
      Map<String, String> tablesByMap) {
    Map<String, Long> grouped = new HashMap<>();
    bytesByMap.forEach((id, bytes) -> {
      String map = mapNames.getOrDefault(id, "map " + Integer.toHexString(id));
      String table = tablesByMap.get(map);
      String group = table != null ? (map.startsWith("index.") ? table + " (indexes)" : table)
          : map.startsWith("undoLog") ? "undo logs" : "table.0".equals(map) ? "H2's schema" : map;
      grouped.merge(group, bytes, Long::sum);
    });
    return grouped;
  }

  /** A file's last chunks by table (the chunks read before the file is opened as a database). */
  static Map<String, Long> byTable(Path file, int last) throws SQLException {
    Chunks chunks = lastChunks(file, last);
    Map<Integer, String> names = mapNames(file, chunks.bytesByMap().keySet());
    return byTable(chunks.bytesByMap(), names, tablesByMap(file));
  }

  /** The bytes written to the engine's own tables and their indexes ({@code ACT_*}). */
  static long engineBytes(Map<String, Long> byTable) {
    return byTable.entrySet().stream().filter(entry -> entry.getKey().startsWith("ACT_"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * Ours' bytes by table scaled to the anchor's work of the engine, beside the anchor's, ordered by
   * how much more ours wrote (in KB): table → {ours, anchor, ours - anchor}.
   */
  static Map<String, double[]> compare(Map<String, Long> ours, Map<String, Long> anchor) {
    double scale = (double) engineBytes(anchor) / engineBytes(ours);
    Map<String, double[]> rows = new HashMap<>();
    ours.forEach((table, bytes) -> rows.computeIfAbsent(table, t -> new double[3])[0] = bytes * scale / 1024);
    anchor.forEach((table, bytes) -> rows.computeIfAbsent(table, t -> new double[3])[1] = bytes / 1024.0);
    rows.values().forEach(row -> row[2] = row[0] - row[1]);
    Map<String, double[]> ordered = new LinkedHashMap<>();
    rows.entrySet().stream().sorted((a, b) -> Double.compare(Math.abs(b.getValue()[2]), Math.abs(a.getValue()[2])))
        .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
    return ordered;
  }

  /** {@code ours.mv.db anchor.mv.db [chunks]}: prints where ours' commits wrote more than the anchor's. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !Files.isRegularFile(Path.of(args[0])) || !Files.isRegularFile(Path.of(args[1]))) {
      System.err.println("usage: H2Writes <ours.mv.db> <anchor.mv.db> [chunks, 1000]: two closed H2 files");
      System.exit(2);
    }
    int last = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Map<String, Long> ours = byTable(Path.of(args[0]), last);
    Map<String, Long> anchor = byTable(Path.of(args[1]), last);
    Map<String, double[]> rows = compare(ours, anchor);
    double oursTotal = rows.values().stream().mapToDouble(row -> row[0]).sum();
    double anchorTotal = rows.values().stream().mapToDouble(row -> row[1]).sum();
    System.out.printf("the last %d chunks of each; ours scaled by %.3f to the anchor's bytes of the engine's tables%n",
        last, (double) engineBytes(anchor) / engineBytes(ours));
    System.out.printf("%-44s %12s %12s %12s%n", "written to", "ours KB", "anchor KB", "ours - anchor");
    System.out.printf("%-44s %12.0f %12.0f %12.0f (%.3f)%n", "all", oursTotal, anchorTotal, oursTotal - anchorTotal,
        oursTotal / anchorTotal);
    rows.forEach((table, row) -> System.out.printf("%-44s %12.0f %12.0f %12.0f%n", table, row[0], row[1], row[2]));
  }
}
