package io.noderr.workflows.onboarding;

public record RejectCommand(Reviewer reviewer, String reason) {}
