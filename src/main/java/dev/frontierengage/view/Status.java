package dev.frontierengage.view;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import java.util.Map;

/** How a closed engagement ended, by the end event it reached. */
public enum Status {
  OUT_OF_SCOPE,
  LAPSED,
  NOT_COVERED,
  ACCESS_NOT_OFFERED,
  RELEASED_TO_PARTNERS,
  CLOSED,
  WITHDRAWN;

  public static final Map<String, Status> BY_END_EVENT = Map.of(
      Elements.END_OUT_OF_SCOPE, OUT_OF_SCOPE,
      Elements.END_INQUIRY_LAPSED, LAPSED,
      Elements.END_NOT_COVERED, NOT_COVERED,
      Elements.END_ACCESS_NOT_OFFERED, ACCESS_NOT_OFFERED,
      Elements.END_RELEASED_TO_TRUSTED_PARTNERS, RELEASED_TO_PARTNERS,
      Elements.END_ENGAGEMENT_CLOSED, CLOSED,
      Elements.END_WITHDRAWN, WITHDRAWN);
}
