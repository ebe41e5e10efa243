package io.noderr.activities.emergency;

public record GuardianPauseRequest(long tiers, long deadline, String signature) {}
