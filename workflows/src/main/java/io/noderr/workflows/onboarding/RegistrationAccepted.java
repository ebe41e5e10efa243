package io.noderr.workflows.onboarding;

public record RegistrationAccepted(String applicationId, String nodeId) {}
