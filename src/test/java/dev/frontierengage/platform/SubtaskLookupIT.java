package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Each time a task is completed or deleted the engine looks up its subtasks by
 * {@code ACT_RU_TASK.PARENT_TASK_ID_}, which Camunda's schema does not index: that read every
 * running task, once per completion. Changeset fe-15 indexes the column; this checks, on the
 * application's schema with a queue of running tasks, that the database plans the engine's own
 * statement (as its mapping has it, the id given as a literal where the engine binds it) on that
 * index and not as a read of the whole table.
 */
class SubtaskLookupIT {

  private static final int RUNNING_TASKS = 2_000;

  private DriverManagerDataSource database;
  private JdbcTemplate jdbc;

  @BeforeEach
  void schemaWithRunningTasks() throws Exception {
    var properties = TestDatabase.properties("subtasks");
    database = new DriverManagerDataSource(properties.get("spring.datasource.url"),
        properties.getOrDefault("spring.datasource.username", "sa"), properties.getOrDefault("spring.datasource.password", ""));
    TestDatabase.schema(database);
    jdbc = new JdbcTemplate(database);
    List<Object[]> tasks = new java.util.ArrayList<>();
    for (int n = 0; n < RUNNING_TASKS; n++) {
      // as in production, where nothing makes subtasks, none has a parent, but for one made by
      // hand (the engine's API allows it): the planner's statistics then say the column is null
      tasks.add(new Object[] {"task-" + n, "Review intake " + n, n == 9 ? "task-8" : null});
    }
    jdbc.batchUpdate("INSERT INTO ACT_RU_TASK (ID_, REV_, NAME_, PARENT_TASK_ID_, PRIORITY_, SUSPENSION_STATE_)"
        + " VALUES (?, 1, ?, ?, 50, 1)", tasks);
    jdbc.execute(TestDatabase.postgres() ? "ANALYZE ACT_RU_TASK" : "ANALYZE");
  }

  @AfterEach
  void closeH2() {
    if (jdbc != null && !TestDatabase.postgres()) {
      jdbc.execute("SHUTDOWN");
    }
  }

  @Test
  void theEnginesSubtaskLookupReadsTheIndexNotEveryRunningTask() throws Exception {
    String lookup = enginesStatement("selectTasksByParentTaskId");
    assertThat(lookup).as("the engine's statement, from its mapping").containsIgnoringCase("PARENT_TASK_ID_ = ?");

    String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + lookup.replace("?", "'task-8'"), String.class));

    assertThat(plan.toLowerCase()).as("the database's plan for the engine's subtask lookup")
        .contains("fe_idx_task_parent")
        .doesNotContain("tablescan")
        .doesNotContain("seq scan");
    assertThat(jdbc.queryForList(lookup, "task-8")).as("task-8's subtasks, through the index")
        .extracting(row -> row.get(row.containsKey("ID_") ? "ID_" : "id_")).containsExactly("task-9");
  }

  /**
   * A statement of the engine's task mapping as the engine sends it: no table prefix, its one
   * parameter as {@code ?}.
   */
  private static String enginesStatement(String id) throws Exception {
    String mapping;
    try (InputStream in = ProcessEngine.class.getClassLoader()
        .getResourceAsStream("org/camunda/bpm/engine/impl/mapping/entity/Task.xml")) {
      assertThat(in).as("the engine's task mapping").isNotNull();
      mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher select = Pattern.compile("<select id=\"" + id + "\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(mapping);
    assertThat(select.find()).as("statement " + id + " in the engine's task mapping").isTrue();
    return select.group(1).trim().replaceAll("\\s+", " ").replace("${prefix}", "").replaceAll("#\\{[^}]+}", "?");
  }
}
