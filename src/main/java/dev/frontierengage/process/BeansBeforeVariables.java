package dev.frontierengage.process;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.spring.ApplicationContextElResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The models' expressions name beans ({@code ${shareAssessment}},
 * {@code ${engagementRecord.withdrawn(execution)}}); Camunda's Spring expression manager looks a
 * name up among the process's variables first and among the beans after. So a variable of a
 * bean's name, which anyone completing a task can send with it, stood in for the bean in every
 * later expression of that process: a reviewer's {@code engagementRecord} made every step fail
 * (the developer could no longer withdraw), an office's {@code assessmentRecord} lost every other
 * office's answer. Here a name that is a bean's resolves to the bean, before any variable; every
 * other name (the engine's own {@code execution} and {@code task}, variables) as before.
 *
 * <p>Installed before the engine is built ({@link #preInit}), in place of the manager the Spring
 * integration made (with the same beans: the whole application context unless
 * {@code beans} limits them).
 */
@Component
class BeansBeforeVariables extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;

  BeansBeforeVariables(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new Manager(context, configuration.getBeans()));
  }

  /** Spring's expression manager with the beans looked up first. */
  static final class Manager extends SpringExpressionManager {

    Manager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    /** Built at the first expression's evaluation, as Spring's own. */
    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(beans != null ? new ReadOnlyMapELResolver(beans) : new ApplicationContextElResolver(applicationContext));
      resolver.add(super.createElResolver());
      return resolver;
    }
  }
}
