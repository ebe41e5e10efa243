package io.noderr.registry.rewards;

import java.math.BigInteger;

/**
 * An epoch's computed totals.
 *
 * @param root the Merkle root, 0x-hex; null when nothing is paid
 * @param payoutsDigest SHA-256 over the canonical form of the payouts, 0x-hex
 */
public record RewardResult(
    int formulaVersion,
    BigInteger pool,
    BigInteger paid,
    BigInteger remainder,
    int recipients,
    String root,
    String payoutsDigest) {}
