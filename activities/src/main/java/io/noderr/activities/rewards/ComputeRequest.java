package io.noderr.activities.rewards;

/** Compute an epoch's payouts from its stored inputs, with the given formula version. */
public record ComputeRequest(long epoch, int formulaVersion, String inputsDigest) {}
