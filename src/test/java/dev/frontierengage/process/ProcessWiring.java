package dev.frontierengage.process;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.deadlines.Notifications;
import dev.frontierengage.documents.DocumentSettings;
import dev.frontierengage.policy.Policies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * The beans the models name in {@code ${...}} expressions, built by Spring from the
 * application's own classes (the listeners, delegates and records, on the process test engine's
 * data source, so the record commits and rolls back with the engine), for process tests that
 * run the engine without the application. The application test proves the application context
 * has a bean of every one of these names ({@code EngineApplicationIT}).
 */
public final class ProcessWiring {

  /** What the models reach: listeners, delegates, the records and the services they use. */
  static final Pattern SERVICES = Pattern.compile(
      ".*\\.(\\w+Record|PartnerProposals|AgencyDeadlines|FormContexts|Documents|DatabaseDocumentStore)");

  private ProcessWiring() {}

  public static Map<String, Object> beans(ProcessEngine engine, Policies policies) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean("dataSource", DataSource.class, () -> dataSource(engine));
    context.registerBean(Policies.class, () -> policies);
    context.registerBean(AuditLog.class, AuditLog::new);
    context.registerBean(Notifications.class, () -> NOTIFICATIONS);
    context.registerBean(DocumentSettings.class, () -> new DocumentSettings(null, null));
    ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, false);
    scanner.addIncludeFilter(new AssignableTypeFilter(TaskListener.class));
    scanner.addIncludeFilter(new AssignableTypeFilter(ExecutionListener.class));
    scanner.addIncludeFilter(new AssignableTypeFilter(JavaDelegate.class));
    scanner.addIncludeFilter(new RegexPatternTypeFilter(SERVICES));
    scanner.scan("dev.frontierengage.engagement", "dev.frontierengage.designation", "dev.frontierengage.access",
        "dev.frontierengage.partners", "dev.frontierengage.policy", "dev.frontierengage.deadlines",
        "dev.frontierengage.forms", "dev.frontierengage.documents");
    context.refresh();
    Map<String, Object> beans = new LinkedHashMap<>();
    for (String name : context.getBeanDefinitionNames()) {
      if (!List.of("dataSource", "documentSettings").contains(name) && !name.contains(".") && !name.startsWith("org.springframework")) {
        beans.put(name, context.getBean(name));
      }
    }
    return beans;
  }

  /** The engine's data source: the record shares the engine's transaction through it. */
  public static DataSource dataSource(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
  }

  /** What the process tests' escalations notified: group, engagement, subject. */
  public static final List<List<String>> NOTIFIED = new CopyOnWriteArrayList<>();
  private static final Notifications NOTIFICATIONS =
      (group, engagementId, taskId, subject) -> NOTIFIED.add(List.of(group, engagementId, subject));

  public static void register(ProcessEngine engine, Policies policies) {
    Mocks.reset();
    NOTIFIED.clear();
    beans(engine, policies).forEach(Mocks::register);
  }
}
