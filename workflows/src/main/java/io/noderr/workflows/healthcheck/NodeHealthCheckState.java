package io.noderr.workflows.healthcheck;

import io.noderr.activities.platform.HealthCheckVerdict;

/**
 * Where a running health check is; {@code verdict} is null until the node answered or timed out.
 */
public record NodeHealthCheckState(Stage stage, HealthCheckVerdict verdict, String detail) {

  /** Stages of a health check, in order. */
  public enum Stage {
    ASKING_NODE,
    RECORDING,
    DONE
  }
}
