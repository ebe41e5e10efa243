package io.noderr.workflows.rewards;

import java.math.BigInteger;
import java.util.List;

/**
 * An epoch's result: one row per recipient with a non-zero amount (ordered by address), every
 * node's outcome, and what rounding left over, carried to the next epoch. Σ amounts + remainder =
 * pool, always.
 */
public record RewardPayouts(
    long epoch,
    int formulaVersion,
    BigInteger pool,
    List<OperatorPayout> payouts,
    List<NodeOutcome> nodes,
    BigInteger remainder) {

  public RewardPayouts {
    payouts = List.copyOf(payouts);
    nodes = List.copyOf(nodes);
  }

  public BigInteger paid() {
    return payouts.stream().map(OperatorPayout::amount).reduce(BigInteger.ZERO, BigInteger::add);
  }
}
