package io.noderr.registry.rewards;

import java.math.BigInteger;
import java.util.List;

/**
 * One recipient of an epoch: what the formula weighed, what it came to, and the Merkle proof a
 * claim needs.
 *
 * @param operatorAddress lowercase
 * @param proof the sibling hashes from the leaf to the root, 0x-hex
 */
public record RewardPayoutRow(
    long epoch,
    String operatorAddress,
    BigInteger performanceScore,
    BigInteger effectiveStake,
    BigInteger amount,
    List<String> proof) {

  public RewardPayoutRow {
    proof = List.copyOf(proof);
  }
}
