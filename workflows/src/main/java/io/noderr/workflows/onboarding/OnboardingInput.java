package io.noderr.workflows.onboarding;

import io.noderr.activities.onboarding.ApplicationSubmitted;

/**
 * @param tokenTtlMillis how long an install token stays valid after it is issued
 * @param reviewWindowMillis how long an application may wait for a review before it expires
 */
public record OnboardingInput(
    ApplicationSubmitted application, long tokenTtlMillis, long reviewWindowMillis) {}
