package io.noderr.activities.rewards;

/**
 * The governed epoch settings read when an epoch opens (NoderrParameters {@code rewards.*}, or the
 * platform's defaults without a chain); a change applies from the next epoch on.
 *
 * @param epochSeconds the epoch's length
 * @param emission token units the rewards treasury adds to the pool per epoch (decimal string)
 * @param formulaVersion the reward formula the epoch is computed with
 */
public record EpochSchedule(long epochSeconds, String emission, int formulaVersion) {}
