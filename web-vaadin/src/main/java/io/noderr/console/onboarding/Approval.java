package io.noderr.console.onboarding;

import java.time.Instant;

/**
 * The answer to an approval or re-issue. {@code installToken} exists only in this answer: the
 * platform keeps its hash.
 */
public record Approval(String applicationId, String installToken, Instant expiresAt) {}
