package io.noderr.registry.onboarding;

import java.time.Instant;

/** One node operator application as the registry keeps it (the workflow is the source of truth). */
public record ApplicationRow(
    String id,
    String operatorName,
    String contact,
    String tier,
    String region,
    String signingAddress,
    String status,
    String reviewedBy,
    String reviewReason,
    String nodeId,
    String workflowId,
    Instant createdAt,
    Instant updatedAt) {

  /** REJECTED, EXPIRED and REGISTERED are final. */
  public boolean closed() {
    return status.equals("REJECTED") || status.equals("EXPIRED") || status.equals("REGISTERED");
  }
}
