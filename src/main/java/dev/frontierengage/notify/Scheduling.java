package dev.frontierengage.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the outbox worker and the reminder scan on their schedules; off with
 * {@code frontier-engage.notify.scheduling=false} (the tests call them instead).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "frontier-engage.notify.scheduling", havingValue = "true", matchIfMissing = true)
class Scheduling {
}
