package io.noderr.workflows.rollout;

/**
 * A node a rollout may target, as the registry describes it when the rollout plans.
 *
 * @param healthy last health report healthy and the node recently heard from
 * @param attested its identity is TPM-attested
 * @param quarantined failed attestation; never updated by a rollout
 */
public record Candidate(
    String nodeId,
    String operator,
    String region,
    String currentVersion,
    boolean healthy,
    boolean attested,
    boolean quarantined) {}
