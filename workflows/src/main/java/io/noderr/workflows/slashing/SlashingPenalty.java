package io.noderr.workflows.slashing;

import java.math.BigInteger;

/**
 * The penalty of a decided slashing, after Ethereum's correlation penalty: a lone fault costs the
 * governed minimum share of the stake; every other node slashed for the same cause in the
 * correlation window raises it by three times that node's share of the fleet (many nodes failing
 * together looks like an attack, or a shared shortcut, not bad luck); never above the governed
 * maximum. Pure and exact.
 */
public final class SlashingPenalty {

  /** Ethereum's proportional slashing multiplier. */
  static final int CORRELATION_FACTOR = 3;

  private static final int WHOLE = 10_000;

  private SlashingPenalty() {}

  /** What a slashing takes: its share of the stake in basis points and the amount. */
  public record Penalty(int basisPoints, BigInteger amount) {}

  /**
   * @param correlatedNodes nodes decided for the same cause in the window, this one included
   * @param activeNodes the fleet's active nodes
   */
  public static Penalty of(
      BigInteger stake, int minimumBp, int maximumBp, int correlatedNodes, int activeNodes) {
    if (stake.signum() < 0 || minimumBp < 0 || maximumBp > WHOLE || minimumBp > maximumBp) {
      throw new IllegalArgumentException(
          "penalty bounds must satisfy 0 ≤ minimum ≤ maximum ≤ 10000 bp and the stake be ≥ 0");
    }
    long others = Math.max(0, correlatedNodes - 1);
    long fleet = Math.max(1, activeNodes);
    long raised = minimumBp + CORRELATION_FACTOR * WHOLE * others / fleet;
    int basisPoints = (int) Math.min(raised, maximumBp);
    return new Penalty(
        basisPoints,
        stake.multiply(BigInteger.valueOf(basisPoints)).divide(BigInteger.valueOf(WHOLE)));
  }
}
