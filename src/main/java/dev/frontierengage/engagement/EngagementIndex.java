package dev.frontierengage.engagement;

import java.time.Instant;
import java.util.List;

/**
 * Each engagement's organization and opening time, one entry per engagement, for the
 * developer's list: a page of an organization's engagements, newest first, costs the same
 * whatever the number of engagements (the engine's own query filters by a variable's value and
 * sorts every engagement of the organization before it can return a page).
 */
public interface EngagementIndex {

  /** Records a new engagement (its root process instance), in the transaction that opens it. */
  void add(String processInstanceId, String organization, Instant openedAt);

  /** How many engagements the organization has. */
  long count(String organization);

  /** Process instance ids of the organization's engagements, newest first, from {@code first}. */
  List<String> page(String organization, int first, int max);
}
