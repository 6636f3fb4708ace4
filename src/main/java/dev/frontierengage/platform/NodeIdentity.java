package dev.frontierengage.platform;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A node of a cluster names itself ({@code frontier-engage.node-id}, environment
 * {@code NODE_ID}): its job executor locks jobs under that name, so the {@code LOCK_OWNER_} of
 * a job in {@code ACT_RU_JOB} says which node holds it, and the job log (Cockpit, history)
 * records it as the host that ran each job. Unset, the engine's own defaults stay (a random
 * lock owner, the host's address).
 */
@Component
class NodeIdentity extends AbstractProcessEnginePlugin {

  private final String nodeId;

  NodeIdentity(@Value("${frontier-engage.node-id:}") String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeId.isBlank()) {
      configuration.setHostname(nodeId);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (!nodeId.isBlank() && jobExecutor != null) {
      jobExecutor.setLockOwner(nodeId);
    }
  }
}
