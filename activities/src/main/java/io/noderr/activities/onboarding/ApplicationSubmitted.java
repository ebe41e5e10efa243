package io.noderr.activities.onboarding;

/** A node operator's application, as validated by the API. */
public record ApplicationSubmitted(
    String applicationId,
    String operatorName,
    String contact,
    String tier,
    String region,
    String signingAddress,
    String workflowId) {}
