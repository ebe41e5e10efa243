package io.noderr.console.onboarding;

import io.noderr.console.operator.CreatedOperatorLogin;
import java.time.Instant;

/**
 * The answer to an approval or re-issue. {@code installToken} exists only in this answer: the
 * platform keeps its hash. {@code operatorLogin} is the applicant's new console login with its
 * one-time initial password (approvals only; null when the operator has a login already).
 */
public record Approval(
    String applicationId,
    String installToken,
    Instant expiresAt,
    CreatedOperatorLogin operatorLogin) {}
