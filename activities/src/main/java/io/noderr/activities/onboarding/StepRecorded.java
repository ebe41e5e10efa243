package io.noderr.activities.onboarding;

/**
 * What an onboarding registry write did.
 *
 * @param firstTime false when a retry found the step already recorded
 */
public record StepRecorded(String applicationId, boolean firstTime) {}
