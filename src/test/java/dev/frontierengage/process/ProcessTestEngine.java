package dev.frontierengage.process;

/** The engine configuration of the process tests. */
public final class ProcessTestEngine {

  /**
   * Not {@code camunda.cfg.xml}: the webapps look engines up through {@code ProcessEngines},
   * which would build one from a file of that name when the application ITs run.
   */
  public static final String CONFIG = "process-test.cfg.xml";

  private ProcessTestEngine() {}
}
