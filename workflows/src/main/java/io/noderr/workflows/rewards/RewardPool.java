package io.noderr.workflows.rewards;

import java.math.BigInteger;

/**
 * What an epoch pays out, in token units: the governed emission, the node rewards' share of the
 * fees swept in the epoch, and the rounding remainder carried from the previous epoch.
 */
public record RewardPool(BigInteger emission, BigInteger fees, BigInteger carried) {

  public RewardPool {
    for (BigInteger part : new BigInteger[] {emission, fees, carried}) {
      if (part == null || part.signum() < 0) {
        throw new IllegalArgumentException(
            "a reward pool's parts must be ≥ 0, got " + emission + "/" + fees + "/" + carried);
      }
    }
  }

  public static RewardPool of(long emission) {
    return new RewardPool(BigInteger.valueOf(emission), BigInteger.ZERO, BigInteger.ZERO);
  }

  public BigInteger total() {
    return emission.add(fees).add(carried);
  }
}
