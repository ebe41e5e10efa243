package io.noderr.activities.onboarding;

/** A node that proved its identity with the application's install token. */
public record NodeRegistration(
    String applicationId,
    String nodeId,
    String operatorName,
    String contact,
    String tier,
    String region,
    String signingAddress,
    String tokenHash,
    NodeIdentity identity,
    String workflowId) {}
