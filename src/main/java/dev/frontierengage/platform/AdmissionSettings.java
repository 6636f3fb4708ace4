package dev.frontierengage.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many API requests a node runs at once, and how the others wait (config
 * {@code frontier-engage.admission}; {@link AdmissionFilter}).
 *
 * @param enabled false: every request runs at once, however many there are
 * @param concurrent requests run at once (default: twice the node's processors, at least 2)
 * @param maxWait the longest a request waits for its turn; then it is answered 503 with Retry-After
 * @param maxWaiting requests that may wait at once (default 100, half of Tomcat's 200 threads: the
 *     rest keep serving what is not held, health included); one more is answered 503 at once
 * @param promoteAfter a request other than the developer API's that has waited this long goes
 *     before the developer requests once none waits that arrived before it
 * @param maxWaitingPerCaller requests of one caller (a developer's organization, a reviewer or API
 *     client) that may wait at once (default a quarter of {@code maxWaiting}, at least one): one
 *     more of that caller is answered 503 at once, so that one caller cannot fill the line
 */
@ConfigurationProperties("frontier-engage.admission")
public record AdmissionSettings(Boolean enabled, Integer concurrent, Duration maxWait, Integer maxWaiting,
    Duration promoteAfter, Integer maxWaitingPerCaller) {

  public AdmissionSettings {
    enabled = enabled == null || enabled;
    concurrent = concurrent == null ? Math.max(2, 2 * Runtime.getRuntime().availableProcessors()) : concurrent;
    maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
    maxWaiting = maxWaiting == null ? 100 : maxWaiting;
    promoteAfter = promoteAfter == null ? Duration.ofSeconds(1) : promoteAfter;
    if (concurrent < 1) {
      throw new IllegalArgumentException("frontier-engage.admission.concurrent must be at least 1");
    }
    if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("frontier-engage.admission.max-wait must be from 0 to 5 minutes");
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("frontier-engage.admission.max-waiting cannot be negative");
    }
    maxWaitingPerCaller = maxWaitingPerCaller == null ? Math.max(1, (maxWaiting + 3) / 4) : maxWaitingPerCaller;
    if (maxWaitingPerCaller < 1) {
      throw new IllegalArgumentException("frontier-engage.admission.max-waiting-per-caller must be at least 1");
    }
    if (promoteAfter.isNegative()) {
      throw new IllegalArgumentException("frontier-engage.admission.promote-after cannot be negative");
    }
  }
}
