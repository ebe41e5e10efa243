package io.noderr.agent.metrics;

import io.noderr.activities.node.ResourceUsage;

/** Samples the host's load. */
@FunctionalInterface
public interface HostMetrics {
  ResourceUsage sample();
}
