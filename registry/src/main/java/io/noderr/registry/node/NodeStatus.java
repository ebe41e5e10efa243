package io.noderr.registry.node;

/** Lifecycle of a node in the registry. */
public enum NodeStatus {
  /** Known but not yet admitted (onboarding in progress). */
  PENDING,
  /** Admitted and reporting. */
  ACTIVE,
  /** Admitted but silent for longer than the liveness window; recovers on its next report. */
  DEGRADED,
  /** Taken out of service for a security reason (for example a failed attestation). */
  QUARANTINED,
  /** Permanently out of service. */
  RETIRED
}
