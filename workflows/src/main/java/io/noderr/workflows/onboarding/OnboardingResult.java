package io.noderr.workflows.onboarding;

public record OnboardingResult(
    String applicationId, OnboardingStage outcome, String nodeId, String reason) {}
