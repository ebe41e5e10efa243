package io.noderr.workflows.onboarding;

/**
 * @param tokenHash SHA-256 (hex) of the install token the caller generated and will show once
 */
public record ApproveCommand(Reviewer reviewer, String tokenHash) {}
