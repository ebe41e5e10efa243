package io.noderr.registry.emergency;

import java.time.Instant;
import java.util.List;

/**
 * One emergency as the read model keeps it.
 *
 * @param proposal the proposal as JSON (the workflow's input)
 * @param signatures the accepted signatures as JSON
 * @param mandateExpiresAt when a guardian's mandate ends unless ratified; null if none
 * @param outcome why it ended (refused, failed, expired, reverted); null otherwise
 * @param lastStep the workflow's step number that wrote this version; ignored on write
 */
public record EmergencyRow(
    String id,
    String action,
    String stage,
    String scope,
    String reason,
    String proposedBy,
    Instant deadline,
    int required,
    List<String> signedBy,
    Instant mandateExpiresAt,
    List<String> effects,
    String outcome,
    String proposal,
    String signatures,
    int lastStep,
    Instant createdAt,
    Instant updatedAt) {

  public EmergencyRow {
    signedBy = List.copyOf(signedBy);
    effects = List.copyOf(effects);
  }

  /** Stages in which the emergency still waits for signatures or for its mandate to end. */
  public static final List<String> OPEN_STAGES =
      List.of("PREPARING", "AWAITING_SIGNATURES", "ACTING", "MANDATE", "RATIFYING", "REVERTING");

  public boolean open() {
    return OPEN_STAGES.contains(stage);
  }
}
