package io.noderr.activities.rewards;

/**
 * An epoch's stored result.
 *
 * @param paid Σ payouts in token units; the Merkle tree's total
 * @param remainder carried to the next epoch
 * @param root the Merkle root of (epoch, operator, amount), 0x-hex; null when nothing is paid
 * @param payoutsDigest SHA-256 over the canonical form of the stored payouts (0x-hex)
 */
public record EpochComputation(
    long epoch,
    int formulaVersion,
    String pool,
    String paid,
    String remainder,
    int recipients,
    String root,
    String payoutsDigest) {}
