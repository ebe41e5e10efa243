package io.noderr.workflows.onboarding;

public record TokenGrant(String applicationId, long expiresAtMillis) {}
