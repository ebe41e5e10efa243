package io.noderr.activities.rewards;

/** One epoch's time window, [start, end) in epoch milliseconds. */
public record EpochWindow(long epoch, long startMillis, long endMillis) {}
