package io.noderr.registry.rewards;

import io.noderr.registry.Tier;
import java.math.BigInteger;

/**
 * One node of an epoch: what was measured of it (the stored input) and, once computed, its outcome.
 *
 * @param operatorAddress its operator's payout address, lowercase; null when the operator has none
 *     (the node is then EXCLUDED from gathering on)
 * @param status COUNTED, BELOW_MINIMUM_UPTIME or EXCLUDED; null until computed
 * @param score uptime × performance × tier multiplier (basis points); null until computed
 * @param reason why it did not count; empty when counted, null until computed
 */
public record RewardNodeRow(
    String nodeId,
    String operatorAddress,
    Tier tier,
    int uptimeBp,
    int performanceBp,
    String status,
    BigInteger score,
    String reason) {

  /** The measured input only, before any outcome. */
  public static RewardNodeRow measured(
      String nodeId, String operatorAddress, Tier tier, int uptimeBp, int performanceBp) {
    return new RewardNodeRow(
        nodeId, operatorAddress, tier, uptimeBp, performanceBp, null, null, null);
  }

  /** This node with its outcome. */
  public RewardNodeRow withOutcome(String status, BigInteger score, String reason) {
    return new RewardNodeRow(
        nodeId, operatorAddress, tier, uptimeBp, performanceBp, status, score, reason);
  }
}
