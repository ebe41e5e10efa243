package io.noderr.registry.telemetry;

import java.time.Instant;

/**
 * The fleet in one bucket: nodes whose every sample was healthy, nodes with at least one unhealthy
 * sample, and nodes in service (ACTIVE or DEGRADED) that sent nothing.
 */
public record FleetBucket(Instant bucket, long healthy, long unhealthy, long offline) {

  public long total() {
    return healthy + unhealthy + offline;
  }
}
