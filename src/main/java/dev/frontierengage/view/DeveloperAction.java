package dev.frontierengage.view;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a developer can do to an engagement; the name is the action's path. */
public enum DeveloperAction {
  CLARIFICATION("clarification"),
  ACCESS_OFFER("access-offer"),
  ACCESS_TERMS("access-terms"),
  TRUSTED_PARTNERS("trusted-partners"),
  END_ACCESS_WINDOW("access-window/end"),
  RELEASE("release"),
  WITHDRAWAL("withdrawal");

  private final String path;

  DeveloperAction(String path) {
    this.path = path;
  }

  @JsonValue
  public String path() {
    return path;
  }
}
