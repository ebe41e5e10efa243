package io.noderr.registry.node;

import io.noderr.registry.Tier;

/** A node to admit directly (simulated fleets and unattested development agents). */
public record EnrollmentRequest(
    String nodeId, String operatorId, Tier tier, String region, Labels labels) {}
