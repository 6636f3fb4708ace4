package dev.frontierengage.process;

import dev.frontierengage.forms.FormContextReads;
import dev.frontierengage.forms.FormContexts;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * The forms' context as the application serves it, for the process tests' engine
 * ({@code process-test.cfg.xml}): built before the beans, it finds the record's view of forms
 * among the beans {@link ProcessWiring} registers.
 */
public class ProcessTestFormContextReads extends FormContextReads {

  public ProcessTestFormContextReads() {
    super(() -> (FormContexts) Mocks.get("formContexts"));
  }
}
