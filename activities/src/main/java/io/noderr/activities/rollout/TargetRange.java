package io.noderr.activities.rollout;

public record TargetRange(String rolloutId, int from, int to) {}
