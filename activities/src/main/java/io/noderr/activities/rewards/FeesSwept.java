package io.noderr.activities.rewards;

/**
 * What an epoch's fee sweep moved: the node rewards' share (added to the epoch's pool) and the rest
 * (treasury and the other configured recipients), in token units; zeros and no transaction when
 * there were no fees.
 */
public record FeesSwept(long epoch, String toRewards, String toOthers, String transactionHash) {}
