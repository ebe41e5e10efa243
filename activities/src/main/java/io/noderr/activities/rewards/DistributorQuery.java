package io.noderr.activities.rewards;

/** Read the reward distributor and the multisig that publishes to it. */
public record DistributorQuery(long epoch) {}
