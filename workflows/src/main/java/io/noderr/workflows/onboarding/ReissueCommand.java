package io.noderr.workflows.onboarding;

/**
 * @param tokenHash SHA-256 (hex) of the new install token
 */
public record ReissueCommand(Reviewer reviewer, String tokenHash) {}
