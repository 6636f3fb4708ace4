package dev.frontierengage.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the classified threshold decision lives (config {@code frontier-engage.threshold}).
 *
 * @param decisionPath a DMN file defining {@code covered-frontier-model-threshold}; empty for
 *     the demo table shipped in {@code bpmn/}
 */
@ConfigurationProperties("frontier-engage.threshold")
public record ThresholdProperties(String decisionPath) {
}
