package io.noderr.activities.rewards;

/**
 * Gather and store an epoch's inputs: node uptime and performance over the window, the stake
 * snapshot, the governed formula parameters, exclusions decided in the window, and the pool. The
 * pool's parts (emission, the node rewards' share of the fees, the remainder carried from the
 * previous epoch) are token units as decimal strings.
 */
public record GatherRequest(
    EpochWindow window, int formulaVersion, String emission, String fees, String carried) {}
