package io.noderr.activities.platform;

/** What a health check concluded about a node. */
public enum HealthCheckVerdict {
  /** The agent answered and its node software is healthy. */
  HEALTHY,
  /** The agent answered but its node software failed the probe. */
  UNHEALTHY,
  /** No agent picked the task up from the node's queue in time. */
  UNREACHABLE
}
