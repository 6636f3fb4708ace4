package dev.frontierengage.bench;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;

/**
 * Where an H2 database's commits wrote, by table: the bytes of the pages its last chunks hold
 * (with {@code WRITE_DELAY=0} each commit stores what changed, every page of it, as a chunk; commits
 * that come together may share one), grouped by the table each page belongs to (its rows, or its
 * indexes), the transactions' undo logs and the store's own maps. Run on the closed files of a
 * benchmark run kept with {@code bench.keep}, ours against anchor (a), to see what ours' commits
 * write that the anchor's do not:
 *
 * <pre>
 * java @target/bench/work-h2/inprocess.classpath dev.frontierengage.bench.H2Writes \
 *   target/bench/work-h2/in-process/data/frontier-engage.mv.db \
 *   target/bench/work-h2/anchor-stub-beans/data/stub-beans.mv.db 1000
 * </pre>
 *
 * The chunks H2 wrote as it closed the database (its compaction, {@link #CLOSE_GAP_MS}) are left
 * out. The last chunks of two databases hold different numbers of lifecycles, so ours' are scaled
 * to the anchor's work: by the engine's history of process and activity instances
 * ({@link #SCALE_TABLES}), with the factors the engine's other history tables would give printed
 * beside it. The file is read only: its table names through a read-only connection.
 */
public final class H2Writes {

  private H2Writes() {}

  /** One chunk of the file as its dump summarises it: its version, when it was written (ms after the file was made), its pages' bytes by map id. */
  record Chunk(long version, long time, Map<Integer, Long> bytesByMap) {}

  /**
   * What the last chunks of a file hold: how many chunks, those left out as the file's close
   * ({@link #CLOSE_GAP_MS}), and the bytes of their pages by map id.
   */
  record Chunks(int count, int closeChunks, long firstVersion, long lastVersion, Map<Integer, Long> bytesByMap) {

    /** The versions between the window's first and last that the file no longer holds (their space used again). */
    long missingVersions() {
      return count == 0 ? 0 : lastVersion - firstVersion + 1 - count;
    }
  }

  /**
   * A pause in the file's writes at least this long before its last chunks marks those chunks as
   * the database's close (H2 compacts for up to {@code MAX_COMPACT_TIME}, 200 ms by default, as it
   * closes: pages of any table, rewritten, which no commit wrote), when they came within
   * {@link #CLOSE_SPAN_MS} of each other.
   */
  static final long CLOSE_GAP_MS = 10_000;
  static final long CLOSE_SPAN_MS = 5_000;

  /** Reads an MVStore dump's lines ({@code MVStoreTool.dump} without details) into its chunks, the newest {@code keep}. */
  static final class DumpLines {
    private static final Pattern HEADER = Pattern.compile("chunkHeader chunk:[0-9a-f]+,");
    private static final Pattern TIME = Pattern.compile("[:,]time:([0-9a-f]+)");
    private static final Pattern VERSION = Pattern.compile("[:,]version:([0-9a-f]+)");
    private static final Pattern MAP = Pattern.compile("^map ([0-9a-f]+): (\\d+) bytes");
    private final int keep;
    private final TreeMap<Long, Chunk> byVersion = new TreeMap<>();
    private Map<Integer, Long> chunk;

    DumpLines(int keep) {
      this.keep = keep;
    }

    void accept(String text) {
      if (text.startsWith("ERROR")) {
        throw new IllegalStateException("the file could not be read whole: " + text);
      }
      if (HEADER.matcher(text).find()) {
        Matcher time = TIME.matcher(text);
        Matcher version = VERSION.matcher(text);
        if (!time.find() || !version.find()) {
          throw new IllegalStateException("a chunk's header without its time or version: " + text);
        }
        chunk = new HashMap<>();
        long at = Long.parseLong(version.group(1), 16);
        byVersion.put(at, new Chunk(at, Long.parseLong(time.group(1), 16), chunk));
        if (byVersion.size() > keep) {
          byVersion.pollFirstEntry();
        }
        return;
      }
      if (text.startsWith("page size total")) {
        chunk = null; // the file's totals follow: no chunk's
        return;
      }
      Matcher pages = MAP.matcher(text);
      if (chunk != null && pages.find()) {
        chunk.merge(Integer.parseInt(pages.group(1), 16), Long.parseLong(pages.group(2)), Long::sum);
      }
    }

    /** The chunks read, oldest first (by version). */
    List<Chunk> chunks() {
      return new ArrayList<>(byVersion.values());
    }
  }

  /**
   * The {@code last} newest of {@code chunks} (oldest first) that the database's commits wrote:
   * the chunks of its close, if any ({@link #CLOSE_GAP_MS}), left out.
   */
  static Chunks window(List<Chunk> chunks, int last) {
    if (last < 1) {
      throw new IllegalArgumentException("at least one chunk, not " + last);
    }
    if (chunks.isEmpty()) {
      throw new IllegalStateException("the file holds no chunk");
    }
    int end = chunks.size();
    for (int i = chunks.size() - 1; i > 0; i--) {
      if (chunks.get(chunks.size() - 1).time() - chunks.get(i).time() > CLOSE_SPAN_MS) {
        break; // the last chunks span more than a close: no pause found before them
      }
      if (chunks.get(i).time() - chunks.get(i - 1).time() >= CLOSE_GAP_MS) {
        end = i;
        break;
      }
    }
    Map<Integer, Long> total = new HashMap<>();
    List<Chunk> taken = chunks.subList(Math.max(0, end - last), end);
    taken.forEach(chunk -> chunk.bytesByMap().forEach((id, bytes) -> total.merge(id, bytes, Long::sum)));
    return new Chunks(taken.size(), chunks.size() - end, taken.isEmpty() ? 0 : taken.get(0).version(),
        taken.isEmpty() ? 0 : taken.get(taken.size() - 1).version(), total);
  }

  /** The pages' bytes by map of the {@code last} newest chunks of the file (by version) that its commits wrote. */
  static Chunks lastChunks(Path file, int last) {
    DumpLines dump = new DumpLines(last + 1_000); // room for the close's chunks
    Writer lines = new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          if (text[i] == '\n') {
            dump.accept(line.toString());
            line.setLength(0);
          } else {
            line.append(text[i]);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    MVStoreTool.dump(file.toString(), lines, false);
    return window(dump.chunks(), last);
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
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sa", "");
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
      String group = table != null ? (map.startsWith("index.") ? table + INDEXES : table)
          : map.startsWith("undoLog") ? "undo logs" : "table.0".equals(map) ? "H2's schema" : map;
      grouped.merge(group, bytes, Long::sum);
    });
    return grouped;
  }

  /** What follows a table's name in the group of its indexes' pages ({@code FE_OUTBOX (indexes)}). */
  static final String INDEXES = " (indexes)";

  /** The table a group of {@link #byTable} belongs to: its own name, or its indexes' without {@link #INDEXES}. */
  static String tableOf(String group) {
    return group.endsWith(INDEXES) ? group.substring(0, group.length() - INDEXES.length()) : group;
  }

  /** A file's window of chunks ({@link #lastChunks}) and their bytes by table. */
  record Written(Chunks chunks, Map<String, Long> byTable) {}

  /** A file's last chunks by table. */
  static Written written(Path file, int last) throws SQLException {
    Chunks chunks = lastChunks(file, last);
    Map<Integer, String> names = mapNames(file, chunks.bytesByMap().keySet());
    return new Written(chunks, byTable(chunks.bytesByMap(), names, tablesByMap(file)));
  }

  /**
   * The tables the two sides are scaled by: the engine's history of process and activity
   * instances, which the same models write alike in every lifecycle whatever the beans do (unlike
   * the variables, authorizations and jobs, where ours' beans add their own).
   */
  static final List<String> SCALE_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST");

  /** The bytes written to {@code tables}' rows and indexes. */
  static long bytesOf(Map<String, Long> byTable, List<String> tables) {
    return byTable.entrySet().stream()
        .filter(entry -> tables.contains(tableOf(entry.getKey())))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** The factor that brings ours' window to the anchor's work: the anchor's bytes of {@link #SCALE_TABLES} over ours'. */
  static double scale(Map<String, Long> ours, Map<String, Long> anchor) {
    long oursBytes = bytesOf(ours, SCALE_TABLES);
    long anchorBytes = bytesOf(anchor, SCALE_TABLES);
    if (oursBytes == 0 || anchorBytes == 0) {
      throw new IllegalStateException("a window without the engine's history of " + SCALE_TABLES
          + " (ours " + oursBytes + " bytes, the anchor's " + anchorBytes + "): nothing to scale by");
    }
    return (double) anchorBytes / oursBytes;
  }

  /**
   * The factor each of the engine's history tables written on both sides would give (its rows and
   * indexes together), by table: how far the choice of {@link #SCALE_TABLES} moves the comparison.
   */
  static Map<String, Double> scaleByTable(Map<String, Long> ours, Map<String, Long> anchor) {
    Set<String> tables = new TreeSet<>();
    Stream.concat(ours.keySet().stream(), anchor.keySet().stream()).filter(group -> group.startsWith("ACT_HI_"))
        .forEach(group -> tables.add(tableOf(group)));
    Map<String, Double> factors = new LinkedHashMap<>();
    for (String table : tables) {
      long oursBytes = bytesOf(ours, List.of(table));
      long anchorBytes = bytesOf(anchor, List.of(table));
      if (oursBytes > 0 && anchorBytes > 0) {
        factors.put(table, (double) anchorBytes / oursBytes);
      }
    }
    return factors;
  }

  /**
   * Ours' bytes by table scaled to the anchor's work ({@link #scale}), beside the anchor's, ordered by
   * how much more ours wrote (in KB): table → {ours, anchor, ours - anchor}.
   */
  static Map<String, double[]> compare(Map<String, Long> ours, Map<String, Long> anchor) {
    double scale = scale(ours, anchor);
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
    if (args.length < 2 || !Files.isRegularFile(Path.of(args[0])) || !Files.isRegularFile(Path.of(args[1]))
        || args.length > 2 && !args[2].matches("[1-9][0-9]{0,8}")) {
      System.err.println("usage: H2Writes <ours.mv.db> <anchor.mv.db> [chunks, a whole number from 1, 1000]:"
          + " two closed H2 files");
      System.exit(2);
    }
    int last = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Written ours = written(Path.of(args[0]), last);
    Written anchor = written(Path.of(args[1]), last);
    Map<String, double[]> rows = compare(ours.byTable(), anchor.byTable());
    double oursTotal = rows.values().stream().mapToDouble(row -> row[0]).sum();
    double anchorTotal = rows.values().stream().mapToDouble(row -> row[1]).sum();
    for (Written side : List.of(ours, anchor)) {
      Chunks chunks = side.chunks();
      System.out.printf("%s: the last %d chunks, versions %d to %d (%d of them no longer in the file), %d of its close"
          + " left out%n", side == ours ? "ours" : "the anchor's", chunks.count(), chunks.firstVersion(),
          chunks.lastVersion(), chunks.missingVersions(), chunks.closeChunks());
      if (chunks.closeChunks() == 0) {
        System.err.println("WARNING: " + (side == ours ? "ours" : "the anchor's") + ": no pause of " + CLOSE_GAP_MS / 1000
            + " s before its last chunks, so H2's compaction as it closed, if it did, is counted as commits");
      }
    }
    System.out.printf("ours scaled by %.3f to the anchor's bytes of %s; each of the engine's history tables would give:"
        + " %s%n", scale(ours.byTable(), anchor.byTable()), SCALE_TABLES, scaleByTable(ours.byTable(), anchor.byTable())
            .entrySet().stream().map(entry -> String.format("%s %.3f", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(", ")));
    System.out.printf("%-44s %12s %12s %12s%n", "written to", "ours KB", "anchor KB", "ours - anchor");
    System.out.printf("%-44s %12.0f %12.0f %12.0f (%.3f)%n", "all", oursTotal, anchorTotal, oursTotal - anchorTotal,
        oursTotal / anchorTotal);
    rows.forEach((table, row) -> System.out.printf("%-44s %12.0f %12.0f %12.0f%n", table, row[0], row[1], row[2]));
  }
}
