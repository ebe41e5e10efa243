package io.noderr.registry.autodeploy;

import io.noderr.registry.Tier;
import java.time.Instant;

/**
 * Whether a release the beacon publishes for {@code tier} starts a deployment by itself.
 *
 * @param preset the RolloutPreset id the deployment uses
 * @param updatedBy who set it last; null for a tier nobody set (off)
 */
public record AutoDeployPolicy(
    Tier tier, boolean enabled, String preset, String updatedBy, Instant updatedAt) {

  /** A tier nobody set: off. */
  public static AutoDeployPolicy off(Tier tier) {
    return new AutoDeployPolicy(tier, false, "canary", null, null);
  }
}
