package io.noderr.activities.onboarding;

/**
 * An install token issued on approval or re-issued later. Only the SHA-256 hash of the token ever
 * reaches the workflow and its history.
 *
 * @param reissue true when this token replaces an earlier one of the same application
 */
public record TokenIssued(
    String applicationId,
    String tier,
    String tokenHash,
    long expiresAtMillis,
    String reviewer,
    boolean reissue,
    String workflowId) {}
