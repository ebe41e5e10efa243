package io.noderr.workflows.rollout;

import java.util.List;

/**
 * What to roll out, where, and how.
 *
 * @param tiers the tiers whose nodes are targeted (ALL, ORACLE, GUARDIAN)
 * @param image the image reference nodes run (e.g. {@code noderr/node:1.5.0})
 * @param imageDigest {@code sha256:<hex>}; each node checks it against its beacon before installing
 * @param reason why (required for emergency rollbacks; goes to the audit log), may be null
 */
public record RolloutInput(
    String version,
    List<String> tiers,
    String image,
    String imageDigest,
    RolloutStrategy strategy,
    String requestedBy,
    String reason) {

  public RolloutInput {
    tiers = List.copyOf(tiers);
  }
}
