package io.noderr.workflows.rewards;

import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;

/**
 * What the platform measured of one node over an epoch, from durable sources only (heartbeats and
 * telemetry in PostgreSQL), never from what a node says about itself or others.
 *
 * @param uptimeBp the share of the epoch the node was up (heartbeats answered), in basis points
 * @param performanceBp the share of its checks the node passed (telemetry), in basis points
 */
public record NodeEpoch(
    String nodeId, Address operator, BeaconTier tier, int uptimeBp, int performanceBp) {

  public NodeEpoch {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("a node without an id");
    }
    if (operator == null || tier == null) {
      throw new IllegalArgumentException("node " + nodeId + " has no operator address or tier");
    }
    BasisPoints.share("node " + nodeId + "'s uptime", uptimeBp);
    BasisPoints.share("node " + nodeId + "'s performance", performanceBp);
  }
}
