package io.noderr.activities.emergency;

public record GuardianPauseExpiry(long tiers) {}
