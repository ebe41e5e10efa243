package io.noderr.activities.rewards;

/**
 * The root on chain.
 *
 * @param claimableAt unix seconds when the pending delay ends
 * @param deadline unix seconds after which claims are refused and the rest may be clawed back
 */
public record RootPublished(
    long epoch, String transactionHash, long blockNumber, long claimableAt, long deadline) {}
