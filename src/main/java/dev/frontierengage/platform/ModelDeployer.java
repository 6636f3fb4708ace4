package dev.frontierengage.platform;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.designation.DesignationProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys every model shipped under {@code bpmn/} at start-up, with stable resource names, as one
 * deployment: all of them when any changed, none when none did, so a restart (or running from a
 * jar instead of classes) creates no new versions, and a process always finds the forms it was
 * shipped with (the tasks bind their forms by deployment: a changed form with an unchanged
 * process would otherwise leave that process on the old form). Then deploys the configured threshold decision, if any, as the latest version of
 * {@value DesignationProcess#THRESHOLD_DECISION_ID}: the classified thresholds replace the
 * demo table without a rebuild. The file is read and checked ({@link ThresholdCheck}) before
 * anything is deployed, and both deployments commit in one transaction: the demo table of a
 * changed bpmn/ is never the latest version on its own, for the nodes already running (not while
 * this one deploys the file after it, nor after it refused the file and stopped).
 */
@Component
class ModelDeployer implements InitializingBean {

  static final String DEPLOYMENT_NAME = "frontier-engage";
  static final String THRESHOLD_DEPLOYMENT_NAME = "frontier-engage-threshold";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);
  private static final String[] PATTERNS = {
      "classpath*:bpmn/*.bpmn", "classpath*:bpmn/*.dmn", "classpath*:bpmn/*.form"};

  private final RepositoryService repository;
  private final ThresholdProperties threshold;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  ModelDeployer(RepositoryService repository, ThresholdProperties threshold, AuditLog audit,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.threshold = threshold;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void afterPropertiesSet() throws IOException {
    Path path = threshold.decisionPath() == null || threshold.decisionPath().isBlank() ? null
        : Path.of(threshold.decisionPath());
    byte[] configured = path == null ? null : checkedThreshold(path);
    Map<String, byte[]> models = models();
    transaction.executeWithoutResult(status -> {
      deployModels(models);
      if (configured != null) {
        deployThreshold(path, configured);
      }
    });
    // a node that deployed nothing (another node did, or nothing changed) would parse the models
    // into its deployment cache at first use, inside whichever requests come first, several at
    // once after a failover: parse every active version now, before the node takes requests
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().active().list()) {
      repository.getProcessDefinition(definition.getId());
    }
  }

  private static Map<String, byte[]> models() throws IOException {
    Map<String, byte[]> models = new TreeMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : PATTERNS) {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          models.put("bpmn/" + resource.getFilename(), in.readAllBytes());
        }
      }
    }
    if (models.isEmpty()) {
      throw new IllegalStateException("No models found under bpmn/ on the classpath");
    }
    return models;
  }

  private void deployModels(Map<String, byte[]> models) {
    var deployment = repository.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_NAME)
        .enableDuplicateFiltering(false);
    models.forEach((name, bytes) -> deployment.addInputStream(name, new ByteArrayInputStream(bytes)));
    var result = deployment.deployWithResult();
    int processes = result.getDeployedProcessDefinitions() == null ? 0
        : result.getDeployedProcessDefinitions().size();
    int decisions = result.getDeployedDecisionDefinitions() == null ? 0
        : result.getDeployedDecisionDefinitions().size();
    LOG.info("Models from bpmn/: {} process and {} decision definitions new or changed, of {} resources",
        processes, decisions, models.size());
    if (processes + decisions > 0) {
      audit.recordOnCommit("config.models.deployed", "startup", null,
          Map.of("deployment", result.getId(), "processes", processes, "decisions", decisions));
    }
  }

  /** The configured file, refused with a message naming it unless it is a threshold decision. */
  private static byte[] checkedThreshold(Path path) {
    byte[] configured = read(path);
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(configured));
    } catch (RuntimeException e) {
      throw new IllegalStateException("frontier-engage.threshold.decision-path " + path
          + " is not a readable DMN file: " + e.getMessage(), e);
    }
    Decision decision = model.getModelElementById(DesignationProcess.THRESHOLD_DECISION_ID);
    if (decision == null) {
      throw new IllegalStateException("frontier-engage.threshold.decision-path " + path
          + " defines no decision with id '" + DesignationProcess.THRESHOLD_DECISION_ID + "'");
    }
    ThresholdCheck.check(path, configured);
    return configured;
  }

  private void deployThreshold(Path path, byte[] configured) {
    if (Arrays.equals(configured, latestThreshold())) {
      LOG.info("Threshold decision from {} is already the latest version", path);
      return;
    }
    try {
      repository.createDeployment()
          .name(THRESHOLD_DEPLOYMENT_NAME)
          .source(THRESHOLD_DEPLOYMENT_NAME)
          .addInputStream(DesignationProcess.THRESHOLD_DECISION_ID + ".dmn",
              new ByteArrayInputStream(configured))
          .deploy();
    } catch (RuntimeException e) {
      // the engine's own refusal names its resource, not the file (a history time to live missing,
      // for one, is two causes down): say which file, and why
      StringBuilder why = new StringBuilder();
      for (Throwable cause = e; cause != null && why.length() < 2000; cause = cause.getCause()) {
        why.append(why.length() == 0 ? "" : ": ").append(cause.getMessage());
        if (cause.getCause() == cause) {
          break;
        }
      }
      throw new IllegalStateException("frontier-engage.threshold.decision-path " + path
          + " was refused by the engine: " + why, e);
    }
    LOG.info("Threshold decision deployed from {}", path);
    audit.recordOnCommit("config.threshold.deployed", "startup", null, Map.of("path", path.toString()));
  }

  private byte[] latestThreshold() {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DesignationProcess.THRESHOLD_DECISION_ID)
        .latestVersion()
        .singleResult();
    if (latest == null) {
      return new byte[0];
    }
    try (InputStream in = repository.getResourceAsStream(latest.getDeploymentId(),
        latest.getResourceName())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IllegalStateException("frontier-engage.threshold.decision-path " + path
          + " cannot be read: " + e.getMessage(), e);
    }
  }
}
