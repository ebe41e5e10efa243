package io.noderr.activities.emergency;

/**
 * Ends the guardian pauses of these tiers whose mandate has run out. Needs no signature: anyone may
 * call it, which is what makes the time box hold without the platform.
 *
 * @param tiers tier mask: bit i is tier code i (ALL = 0, ORACLE = 1, GUARDIAN = 2)
 */
public record GuardianPauseExpiry(long tiers) {}
