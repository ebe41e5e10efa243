package io.noderr.activities.slashing;

/** Exclude a node from the rewards of the epoch the decision falls in. */
public record RewardExclusionRequest(String nodeId, String reason, String disputeId) {}
