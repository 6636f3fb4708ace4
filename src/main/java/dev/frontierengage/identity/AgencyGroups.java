package dev.frontierengage.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The groups of the agency offices that work tasks in Tasklist and engine-rest (config
 * {@code frontier-engage.agencies}), each with the name of its Tasklist queue.
 */
@ConfigurationProperties("frontier-engage.agencies")
public record AgencyGroups(List<Office> offices) {

  public AgencyGroups {
    offices = offices == null ? List.of() : List.copyOf(offices);
  }

  /**
   * An office: its group and its Tasklist filter's name. An office reads the engine only through
   * the tasks offered to it (need to know: README), never whole process instances.
   */
  public record Office(String group, String queue) {}

  public List<String> groups() {
    return offices.stream().map(Office::group).toList();
  }

  List<String> withAdmins() {
    List<String> groups = new ArrayList<>(groups());
    groups.add(SecurityConfiguration.ADMINS);
    return groups;
  }
}
