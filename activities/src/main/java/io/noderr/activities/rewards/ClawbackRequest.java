package io.noderr.activities.rewards;

/** Claw back the unclaimed rest of every expired epoch before {@code beforeEpoch}. */
public record ClawbackRequest(long beforeEpoch) {}
