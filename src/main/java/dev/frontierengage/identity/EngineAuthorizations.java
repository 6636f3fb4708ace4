package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.identity.AgencyGroups.Office;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Least privilege inside the engine, granted at start-up when missing. {@code camunda-admin}
 * may do everything. Each agency group may open Tasklist, see the three process definitions,
 * read the instances its office needs, and see its own queue; the tasks offered to it are
 * granted by the engine itself (candidate groups get READ and TASK_WORK on their tasks), so a
 * group cannot complete another group's task, deploy, delete or change authorizations.
 * Developers get nothing here: they use the developer API only.
 */
@Component
class EngineAuthorizations implements InitializingBean {

  static final List<String> PROCESSES = List.of(EngagementProcess.PROCESS_ID,
      DesignationProcess.PROCESS_ID, PartnerSelectionProcess.PROCESS_ID);
  static final String TASKLIST = "tasklist";
  private static final Logger LOG = LoggerFactory.getLogger(EngineAuthorizations.class);
  /** Users whose grants of tasks are read at once. */
  static final int PAGE = 1000;

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final AgencyGroups agencies;
  private final AuditLog audit;
  private final IdentityService identities;
  private int granted;

  EngineAuthorizations(AuthorizationService authorizations, FilterService filters,
      TaskService tasks, AgencyGroups agencies, AuditLog audit, IdentityService identities,
      IdentityInitializer identitiesFirst) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.agencies = agencies;
    this.audit = audit;
    this.identities = identities;
  }

  @Override
  public void afterPropertiesSet() {
    for (Resources resource : Resources.values()) {
      grant(SecurityConfiguration.ADMINS, resource, Authorization.ANY, Permissions.ALL);
    }
    for (Office office : agencies.offices()) {
      grant(office.group(), Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
      for (String process : PROCESSES) {
        grant(office.group(), Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ);
      }
      for (String process : PROCESSES) {
        // need to know: an office reads instances only through its own tasks; a grant an earlier
        // version of this application made is taken back
        revoke(office.group(), Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ_INSTANCE);
        revoke(office.group(), Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ_HISTORY);
      }
      Filter queue = queue(office);
      grant(office.group(), Resources.FILTER, queue.getId(), Permissions.READ);
    }
    revokePersonalTaskGrants(PAGE);
    LOG.info("Authorizations: {} granted at start-up", granted);
  }

  /**
   * A task is worked through its office's grant only ({@link OfficeTaskGrantsPlugin}): the grants
   * an earlier version let the engine make to a task's assignee, owner or candidate user, which
   * outlived the person's office, are revoked (each task keeps its groups' grants; a refusal, an
   * authorization of every task or of every user stays; a grant to a user deleted since is left:
   * nobody can sign in as it). At every start, so that a node of an earlier version still running
   * during an upgrade, or an administrator's grant in Admin, leaves none for long; it reads only
   * such grants, a page of users at a time.
   */
  void revokePersonalTaskGrants(int pageOfUsers) {
    // user by user (a page of users at a time, by their unique ids): only the grants of tasks to
    // persons are read, not the offices' grants of every open task
    List<String> personal = new ArrayList<>();
    var users = identities.createUserQuery().orderByUserId().asc();
    for (int first = 0; ; first += pageOfUsers) {
      List<String> page = users.listPage(first, pageOfUsers).stream().map(User::getId).toList();
      if (!page.isEmpty()) {
        authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
            .resourceType(Resources.TASK).userIdIn(page.toArray(String[]::new)).list().stream()
            .filter(grant -> !Authorization.ANY.equals(grant.getResourceId()))
            .forEach(grant -> personal.add(grant.getId()));
      }
      if (page.size() < pageOfUsers) {
        break;
      }
    }
    int revoked = 0;
    for (String id : personal) {
      try {
        authorizations.deleteAuthorization(id);
        revoked++;
      } catch (NullValueException gone) {
        LOG.info("Authorization {} of a task to a person was gone already (its task ended meanwhile)", id);
      }
    }
    if (revoked > 0) {
      LOG.info("Authorizations: {} grants of tasks to persons revoked at start-up", revoked);
      audit.record("config.authorization.revoked", "startup", null, Map.of("resource", Resources.TASK.resourceName(),
          "grants", revoked, "reason", "a task is worked through its office's grant only"));
    }
  }

  private Filter queue(Office office) {
    Filter existing = filters.createFilterQuery().filterName(office.queue()).singleResult();
    if (existing != null) {
      return existing;
    }
    Filter filter = filters.newTaskFilter(office.queue())
        .setOwner("admin")
        .setQuery(tasks.createTaskQuery().taskCandidateGroup(office.group()).includeAssignedTasks())
        .setProperties(Map.of("description", "Tasks offered to " + office.group(),
            "refresh", true, "priority", 10));
    audit.record("config.filter.created", "startup", null, Map.of("filter", office.queue()));
    return filters.saveFilter(filter);
  }

  private void revoke(String group, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    if (existing == null || !existing.isPermissionGranted(permission)) {
      return;
    }
    existing.removePermission(permission);
    authorizations.saveAuthorization(existing);
    audit.record("config.authorization.revoked", "startup", null, Map.of("group", group,
        "resource", resource.resourceName(), "resourceId", resourceId, "permission", permission.getName()));
  }

  private void grant(String group, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing != null && existing.isPermissionGranted(permission)) {
      return;
    }
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
    audit.record("config.authorization.granted", "startup", null, Map.of("group", group,
        "resource", resource.resourceName(), "resourceId", resourceId, "permission", permission.getName()));
    granted++;
  }
}
