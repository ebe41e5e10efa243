package io.noderr.activities.rewards;

/** Read one epoch's root on the distributor. */
public record RootQuery(long epoch) {}
