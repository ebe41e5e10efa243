package io.noderr.registry.rewards;

/** An exclusion an epoch applied to one node. */
public record RewardExclusionRow(String nodeId, String reason) {}
