package dev.frontierengage.view;

import java.util.List;

/**
 * Published (as a Spring application event, inside the engine's transaction, before it commits)
 * each time an engagement's developer view is written: what was open to the developer before and
 * what is open now, and the status once closed. Listeners may write in the same transaction.
 */
public record DeveloperViewChanged(String engagementId, Stage stage, List<DeveloperView.OpenAction> before,
    List<DeveloperView.OpenAction> after, Status status) {

  /** The actions open now that were not open before. */
  public List<DeveloperView.OpenAction> opened() {
    return after.stream().filter(now -> before.stream().noneMatch(then -> then.action() == now.action())).toList();
  }

  /** Whether this change closed the engagement. */
  public boolean closed() {
    return status != null;
  }
}
