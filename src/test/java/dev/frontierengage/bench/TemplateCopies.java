package dev.frontierengage.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Copies an engagement the engine made (a template) row for row: every row of its process
 * instances, their called instances, tasks, identity links, task authorizations, variables,
 * timers, message subscriptions and history, and its engagement record ({@code fe_engagement},
 * all columns, and the rows of {@code fe_assessment}, {@code fe_consultation},
 * {@code fe_evaluation}, {@code fe_partner} and {@code fe_escalation}), with fresh ids and a
 * fresh engagement id (business key): the record's {@code engagement_id} is the new business
 * key, its {@code process_instance_id} the new id of the copied root instance. Every bean reads
 * the record by business key, so the engine takes the copy's next step as it would the
 * original's.
 */
final class TemplateCopies {

  /** Insert order: rows referenced by a foreign key come first. */
  static final List<String> RUNTIME = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_IDENTITYLINK",
      "ACT_RU_VARIABLE", "ACT_RU_EVENT_SUBSCR", "ACT_RU_JOB", "ACT_RU_AUTHORIZATION");
  static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_JOB_LOG",
      "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT", "ACT_HI_INCIDENT", "ACT_HI_COMMENT");
  /**
   * The engagement record's tables (changeset fe-7), each keyed by {@code engagement_id}; the
   * engagement's row first (the developer list's index and the record).
   */
  static final List<String> RECORD = List.of("FE_ENGAGEMENT", "FE_ASSESSMENT", "FE_CONSULTATION",
      "FE_EVALUATION", "FE_PARTNER", "FE_ESCALATION");
  /** Columns whose values identify something of the template and get a fresh value per copy. */
  static final Set<String> IDENTIFYING = Set.of("ID_", "OPERATION_ID_", "JOB_ID_");
  /** Record tables with an id of their own (a fresh value per copy). */
  static final Map<String, String> RECORD_IDS = Map.of("FE_ESCALATION", "ID");

  /** One table's rows of a template, columns as the database names them. */
  record Rows(String table, List<String> columns, List<Object[]> rows) {}

  record Template(String businessKey, List<Rows> tables, Set<String> ids) {
    int rowCount() {
      return tables.stream().mapToInt(t -> t.rows().size()).sum();
    }
  }

  private final DataSource dataSource;

  TemplateCopies(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reads every row of the engagement {@code businessKey}, which must be committed. */
  Template capture(String businessKey) throws SQLException {
    try (Connection db = dataSource.getConnection()) {
      String root = single(db, "SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ? AND SUPER_PROCESS_INSTANCE_ID_ IS NULL",
          businessKey);
      List<Object> instances = distinct(select(db, "ACT_HI_PROCINST", "ROOT_PROC_INST_ID_", List.of(root)), "ID_");
      List<Rows> runtime = new ArrayList<>();
      Rows executions = select(db, "ACT_RU_EXECUTION", "PROC_INST_ID_", instances);
      sortParentsFirst(executions);
      runtime.add(executions);
      Rows tasks = select(db, "ACT_RU_TASK", "PROC_INST_ID_", instances);
      List<Object> taskIds = distinct(tasks, "ID_");
      runtime.add(tasks);
      runtime.add(select(db, "ACT_RU_IDENTITYLINK", "TASK_ID_", taskIds));
      runtime.add(select(db, "ACT_RU_VARIABLE", "PROC_INST_ID_", instances));
      runtime.add(select(db, "ACT_RU_EVENT_SUBSCR", "PROC_INST_ID_", instances));
      runtime.add(select(db, "ACT_RU_JOB", "ROOT_PROC_INST_ID_", List.of(root)));
      runtime.add(select(db, "ACT_RU_AUTHORIZATION", "RESOURCE_ID_", taskIds));
      List<Rows> historic = new ArrayList<>();
      for (String table : HISTORY) {
        historic.add(select(db, table, "ROOT_PROC_INST_ID_", List.of(root)));
      }
      List<Rows> tables = new ArrayList<>();
      tables.add(select(db, "ACT_GE_BYTEARRAY", "ID_", referencedByteArrays(runtime, historic)));
      tables.addAll(runtime);
      tables.addAll(historic);
      for (String table : RECORD) {
        tables.add(select(db, table, "ENGAGEMENT_ID", List.of(businessKey)));
      }
      Rows engagement = tables.get(tables.size() - RECORD.size());
      if (engagement.rows().size() != 1
          || !root.equals(engagement.rows().get(0)[engagement.columns().indexOf(column(engagement, "PROCESS_INSTANCE_ID"))])) {
        throw new IllegalStateException("engagement " + businessKey + " has no record of its root instance " + root);
      }
      Set<String> ids = new HashSet<>(Set.of(businessKey));
      for (Rows rows : tables) {
        for (String column : IDENTIFYING) {
          distinct(rows, column).forEach(id -> ids.add((String) id));
        }
        if (RECORD_IDS.containsKey(rows.table())) {
          distinct(rows, RECORD_IDS.get(rows.table())).forEach(id -> ids.add((String) id));
        }
      }
      return new Template(businessKey, tables, ids);
    }
  }

  /** Inserts {@code businessKeys.size()} copies, one per given engagement id, in one transaction. */
  void insertCopies(Template template, Collection<String> businessKeys) throws SQLException {
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      List<PreparedStatement> inserts = new ArrayList<>();
      try {
        for (Rows rows : template.tables()) {
          inserts.add(db.prepareStatement("INSERT INTO " + rows.table() + " (" + String.join(", ", rows.columns())
              + ") VALUES (" + "?, ".repeat(rows.columns().size() - 1) + "?)"));
        }
        for (String businessKey : businessKeys) {
          Map<String, String> fresh = freshIds(template, businessKey);
          for (int t = 0; t < template.tables().size(); t++) {
            Rows rows = template.tables().get(t);
            PreparedStatement insert = inserts.get(t);
            for (Object[] row : rows.rows()) {
              for (int c = 0; c < row.length; c++) {
                Object value = row[c] instanceof String text && fresh.containsKey(text) ? fresh.get(text) : row[c];
                insert.setObject(c + 1, value);
              }
              insert.addBatch();
            }
          }
        }
        for (PreparedStatement insert : inserts) {
          insert.executeBatch();
        }
        db.commit();
      } catch (SQLException | RuntimeException failed) {
        db.rollback();
        throw failed;
      } finally {
        for (PreparedStatement insert : inserts) {
          insert.close();
        }
      }
    }
  }

  /** Refreshes the query planner's statistics (H2 and PostgreSQL both know {@code ANALYZE}). */
  void analyze() throws SQLException {
    try (Connection db = dataSource.getConnection(); var statement = db.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  /** A fresh id for every id of the template, keeping an activity instance's "activityId:" prefix. */
  private static Map<String, String> freshIds(Template template, String businessKey) {
    Map<String, String> fresh = new HashMap<>();
    for (String id : template.ids()) {
      int colon = id.lastIndexOf(':');
      fresh.put(id, (colon < 0 ? "" : id.substring(0, colon + 1)) + UUID.randomUUID());
    }
    fresh.put(template.businessKey(), businessKey);
    return fresh;
  }

  private static List<Object> referencedByteArrays(List<Rows> runtime, List<Rows> historic) {
    Set<Object> ids = new HashSet<>();
    for (List<Rows> group : List.of(runtime, historic)) {
      for (Rows rows : group) {
        for (int c = 0; c < rows.columns().size(); c++) {
          String column = rows.columns().get(c).toUpperCase();
          if (column.endsWith("BYTEARRAY_ID_") || column.endsWith("STACK_ID_") || column.equals("ERROR_DETAILS_ID_")) {
            for (Object[] row : rows.rows()) {
              if (row[c] != null) {
                ids.add(row[c]);
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(ids);
  }

  /** Executions in an order the self-references (parent, process instance, super execution) allow. */
  private static void sortParentsFirst(Rows executions) {
    int id = executions.columns().indexOf(column(executions, "ID_"));
    int parent = executions.columns().indexOf(column(executions, "PARENT_ID_"));
    int superExecution = executions.columns().indexOf(column(executions, "SUPER_EXEC_"));
    Map<Object, Object[]> byId = new LinkedHashMap<>();
    executions.rows().forEach(row -> byId.put(row[id], row));
    Map<Object, Integer> depth = new HashMap<>();
    for (Object[] row : executions.rows()) {
      int d = 0;
      for (Object[] at = row; at != null; d++) {
        Object up = at[parent] != null ? at[parent] : at[superExecution];
        at = up == null ? null : byId.get(up);
      }
      depth.put(row[id], d);
    }
    executions.rows().sort(Comparator.comparingInt(row -> depth.get(row[id])));
  }

  private static Rows select(Connection db, String table, String column, List<Object> keys) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    String in = keys.isEmpty() ? "NULL" : "?, ".repeat(keys.size() - 1) + "?";
    try (PreparedStatement query = db.prepareStatement("SELECT * FROM " + table + " WHERE " + column + " IN (" + in + ")")) {
      for (int i = 0; i < keys.size(); i++) {
        query.setObject(i + 1, keys.get(i));
      }
      try (ResultSet result = query.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          columns.add(meta.getColumnName(c));
        }
        while (result.next()) {
          Object[] row = new Object[columns.size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = result.getObject(c + 1);
          }
          rows.add(row);
        }
      }
    }
    return new Rows(table, columns, rows);
  }

  private static List<Object> distinct(Rows rows, String name) {
    int c = rows.columns().indexOf(column(rows, name));
    if (c < 0) {
      return List.of();
    }
    return rows.rows().stream().map(row -> row[c]).filter(java.util.Objects::nonNull).distinct().toList();
  }

  /** The column as the database spells it (H2 upper case, PostgreSQL lower case), or null. */
  private static String column(Rows rows, String name) {
    return rows.columns().stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private static String single(Connection db, String sql, String parameter) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet result = query.executeQuery()) {
        if (!result.next()) {
          throw new IllegalStateException("nothing for " + parameter + ": " + sql);
        }
        return result.getString(1);
      }
    }
  }
}
