package io.noderr.activities.rollout;

/** A node to update, with what its maintenance window depends on. */
public record NodeTarget(String nodeId, String tier, String operator, String region) {}
