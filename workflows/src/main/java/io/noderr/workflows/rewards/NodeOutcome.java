package io.noderr.workflows.rewards;

import io.noderr.signing.Address;
import java.math.BigInteger;

/**
 * Why a node did or did not add to its operator's performance score.
 *
 * @param score uptime × performance × tier multiplier (all in basis points); 0 unless {@link
 *     Status#COUNTED}
 * @param reason the exclusion's reason, or the uptime against the minimum; empty when counted
 */
public record NodeOutcome(
    String nodeId, Address operator, Status status, BigInteger score, String reason) {

  public enum Status {
    COUNTED,
    BELOW_MINIMUM_UPTIME,
    EXCLUDED
  }
}
