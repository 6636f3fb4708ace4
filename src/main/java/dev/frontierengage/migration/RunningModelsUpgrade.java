package dev.frontierengage.migration;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.view.EngagementProjection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running engagements follow the models of now: at start-up, every running instance of an
 * earlier version of the three processes is migrated to the latest version (activities mapped
 * by id; a timer the new models add is created, one both have keeps its moment, so no deadline
 * starts again), each in a
 * transaction of its own, and its open tasks are made as the new models make them
 * ({@link OpenTasks}), and the developer's view is projected again. Without it an engagement would finish on the models it started on, which
 * may call what this version no longer has (the vetting list of partners, for one). A version
 * whose instances cannot be mapped is left as it is, logged and audited; so is an instance that
 * fails. Runs after the models are deployed and the sealed engagements carried over, before the
 * job executor starts; on a cluster the start-up turn lets one node do it.
 */
@Component
class RunningModelsUpgrade implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(RunningModelsUpgrade.class);

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TransactionTemplate transaction;
  private final OpenTasks openTasks;
  private final EngagementProjection projection;
  private final AuditLog audit;
  private final SealedModelsMigration sealed;

  RunningModelsUpgrade(RuntimeService runtime, RepositoryService repository, PlatformTransactionManager transactions,
      OpenTasks openTasks, EngagementProjection projection, AuditLog audit, SealedModelsMigration sealed) {
    this.sealed = sealed;
    this.runtime = runtime;
    this.repository = repository;
    this.transaction = new TransactionTemplate(transactions);
    this.openTasks = openTasks;
    this.projection = projection;
    this.audit = audit;
  }

  @Override
  public void afterPropertiesSet() {
    int upgraded = 0;
    java.util.Set<String> sealedStill = sealed.notCarriedOver();
    for (String key : SealedModelsMigration.PROCESSES) {
      List<ProcessDefinition> versions = repository.createProcessDefinitionQuery().processDefinitionKey(key).list()
          .stream().sorted(Comparator.comparingInt(ProcessDefinition::getVersion)).toList();
      if (versions.isEmpty()) {
        continue;
      }
      ProcessDefinition latest = versions.get(versions.size() - 1);
      for (ProcessDefinition earlier : versions.subList(0, versions.size() - 1)) {
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionId(earlier.getId()).list();
        if (running.isEmpty()) {
          continue;
        }
        MigrationPlan plan;
        try {
          plan = runtime.createMigrationPlan(earlier.getId(), latest.getId()).mapEqualActivities().build();
        } catch (RuntimeException unmapped) {
          LOG.error("{} engagements stay on {} version {}: it cannot be mapped to version {}", running.size(), key,
              earlier.getVersion(), latest.getVersion(), unmapped);
          audit.record("config.engagement.upgrade-failed", "startup", null, Map.of("process", key,
              "version", earlier.getVersion(), "instances", running.size(), "reason", AuditLog.failure(unmapped)));
          continue;
        }
        for (ProcessInstance instance : running) {
          if (sealedStill.contains(instance.getRootProcessInstanceId())) {
            // its facts are still in sealed variables, which only the models it started on read:
            // it moves when a later start carries it over (SealedModelsMigration migrates it then)
            LOG.error("Engagement {} stays on {} version {}: it is not carried over to the engagement record",
                instance.getBusinessKey(), key, earlier.getVersion());
            audit.record("config.engagement.upgrade-failed", "startup", instance.getBusinessKey(), Map.of(
                "process", key, "version", earlier.getVersion(), "reason", "not carried over from sealed variables"));
            continue;
          }
          try {
            transaction.executeWithoutResult(status -> {
              runtime.newMigration(plan).processInstanceIds(instance.getId()).skipCustomListeners().skipIoMappings()
                  .execute();
              openTasks.refresh(instance.getBusinessKey(), instance.getId());
              // the migration moves no execution through a listener: what the developer sees
              // (when each open action lapses, with a timer the new models add) is projected anew
              projection.refresh(instance.getBusinessKey(), null);
            });
            upgraded++;
          } catch (RuntimeException failed) {
            LOG.error("Engagement {} stays on {} version {}", instance.getBusinessKey(), key, earlier.getVersion(),
                failed);
            audit.record("config.engagement.upgrade-failed", "startup", instance.getBusinessKey(), Map.of(
                "process", key, "version", earlier.getVersion(), "reason", AuditLog.failure(failed)));
          }
        }
      }
    }
    if (upgraded > 0) {
      LOG.info("Moved {} running process instances to the models deployed now", upgraded);
      audit.record("config.engagements.upgraded", "startup", null, Map.of("instances", upgraded));
    }
  }
}
