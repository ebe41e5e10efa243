package io.noderr.worker.rollout;

import io.noderr.registry.rollout.RolloutCandidate;
import java.util.List;

/**
 * How candidates split the way CohortPlanner filters them: quarantined first (a quarantined node at
 * the target counts as quarantined), then already at the target version; the rest are eligible. The
 * plan needs the eligible count before ordering (the canary size depends on it) and reports the
 * other two.
 */
record Eligibility(int quarantined, int atTarget, int eligible) {

  static Eligibility of(List<RolloutCandidate> candidates, String version) {
    int quarantined = 0;
    int atTarget = 0;
    for (RolloutCandidate c : candidates) {
      if (c.quarantined()) {
        quarantined++;
      } else if (version.equals(c.version())) {
        atTarget++;
      }
    }
    return new Eligibility(quarantined, atTarget, candidates.size() - quarantined - atTarget);
  }
}
