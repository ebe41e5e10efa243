package io.noderr.console.rewards;

import io.noderr.registry.rewards.RewardPayoutRow;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * Why a recipient got its amount, in one sentence against the epoch's totals: formula v1 splits the
 * pool by performance score N and effective stake S, each against the sum over all recipients.
 */
final class PayoutExplanation {

  private final BigInteger totalScore;
  private final BigInteger totalStake;

  PayoutExplanation(List<RewardPayoutRow> epochPayouts) {
    this.totalScore = sum(epochPayouts, RewardPayoutRow::performanceScore);
    this.totalStake = sum(epochPayouts, RewardPayoutRow::effectiveStake);
  }

  String of(RewardPayoutRow payout) {
    return "performance score "
        + payout.performanceScore()
        + " of "
        + totalScore
        + ", effective stake "
        + payout.effectiveStake()
        + " of "
        + totalStake
        + " → "
        + payout.amount();
  }

  private static BigInteger sum(
      List<RewardPayoutRow> payouts, Function<RewardPayoutRow, BigInteger> part) {
    return payouts.stream().map(part).reduce(BigInteger.ZERO, BigInteger::add);
  }
}
