package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.release.BeaconTier;
import java.util.List;

/** What an emergency acts on, in the canonical words signers sign ({@code tiers=ORACLE}). */
public final class EmergencyScope {

  private EmergencyScope() {}

  public static String of(EmergencyProposal p) {
    return switch (p.action()) {
      case PAUSE, RESUME -> "tiers=" + String.join(",", p.tiers());
      case EMERGENCY_ROLLBACK ->
          "tiers="
              + String.join(",", p.tiers())
              + " version="
              + p.toVersion()
              + " digest="
              + p.imageDigest();
      case QUARANTINE ->
          p.nodeIds().isEmpty()
              ? "operator=" + p.operator()
              : "nodes=" + String.join(",", p.nodeIds());
      case ROTATE_SIGNERS ->
          "signers=" + String.join(",", p.newSigners()) + " threshold=" + p.newThreshold();
      case VETO_PROPOSAL -> "proposal=" + p.governanceProposal();
    };
  }

  /** The beacon's tier bitmask: bit i is the tier with code i. */
  static long tierMask(List<String> tiers) {
    long mask = 0;
    for (String tier : tiers) {
      mask |= 1L << BeaconTier.valueOf(tier).code();
    }
    return mask;
  }
}
