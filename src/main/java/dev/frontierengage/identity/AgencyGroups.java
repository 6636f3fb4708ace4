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
   * An office: its group, its Tasklist filter's name, and the processes whose instances (and
   * so their variables) it may read beyond the tasks offered to it.
   */
  public record Office(String group, String queue, List<String> instances) {

    public Office {
      instances = instances == null ? List.of() : List.copyOf(instances);
    }
  }

  public List<String> groups() {
    return offices.stream().map(Office::group).toList();
  }

  List<String> withAdmins() {
    List<String> groups = new ArrayList<>(groups());
    groups.add(SecurityConfiguration.ADMINS);
    return groups;
  }
}
