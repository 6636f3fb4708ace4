package dev.frontierengage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/**
 * The packages by what they hold, checked: no package depends on another that depends back on
 * it; the developer API ({@code api}) is apart from the processes (no process code reaches it);
 * platform concerns ({@code platform}) are apart from what the processes share ({@code process});
 * the listeners and delegates the models reach as beans are package-private.
 */
class ArchitectureTest {

  static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.frontierengage");

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    slices().matching("dev.frontierengage.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theHttpApiIsApartFromTheProcesses() {
    noClasses().that().resideOutsideOfPackage("dev.frontierengage.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.frontierengage.api..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.frontierengage.api..")
        .should().implement(TaskListener.class).orShould().implement(ExecutionListener.class)
        .orShould().implement(JavaDelegate.class)
        .check(MAIN);
  }

  @Test
  void processCodeDoesNotReachThePlatformTheApiOrSecurity() {
    noClasses().that().resideInAPackage("dev.frontierengage.process..")
        .or().implement(TaskListener.class).or().implement(ExecutionListener.class).or().implement(JavaDelegate.class)
        .should().dependOnClassesThat().resideInAnyPackage("dev.frontierengage.platform..",
            "dev.frontierengage.identity..", "dev.frontierengage.api..")
        .check(MAIN);
  }

  @Test
  void listenersAndDelegatesArePackagePrivate() {
    classes().that().implement(TaskListener.class).or().implement(ExecutionListener.class)
        .or().implement(JavaDelegate.class)
        .should().notHaveModifier(JavaModifier.PUBLIC)
        .check(MAIN);
  }
}
