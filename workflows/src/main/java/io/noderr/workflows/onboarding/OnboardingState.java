package io.noderr.workflows.onboarding;

/**
 * What {@code getState} answers.
 *
 * @param tokenExpiresAtMillis when the live install token expires (0 when none was issued)
 * @param tokensIssued how many install tokens were issued (re-issues included)
 * @param reason why the application was rejected or expired
 */
public record OnboardingState(
    OnboardingStage stage,
    String reviewer,
    long tokenExpiresAtMillis,
    int tokensIssued,
    String nodeId,
    String reason) {}
