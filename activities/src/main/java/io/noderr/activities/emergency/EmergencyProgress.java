package io.noderr.activities.emergency;

import java.util.List;

/**
 * One step of an emergency, for the read model and the audit log. It carries the proposal and the
 * accepted signatures, so the emergency can be taken up again from PostgreSQL.
 *
 * @param stage the emergency's stage after this step (EmergencyStage name)
 * @param required signatures the current request needs
 * @param mandateExpiresAt unix seconds a guardian's mandate ends unless ratified (0: none)
 * @param effects what the emergency did so far, in words
 */
public record EmergencyProgress(
    String emergencyId,
    EmergencyProposal proposal,
    String stage,
    String scope,
    int required,
    List<AcceptedSignature> signatures,
    long mandateExpiresAt,
    List<String> effects,
    String reason,
    Step step) {

  public EmergencyProgress {
    signatures = List.copyOf(signatures);
    effects = List.copyOf(effects);
  }

  /** A signature the workflow accepted (after checking it recovers to the signer). */
  public record AcceptedSignature(
      String signer, String signature, String request, String submittedBy, long atMillis) {}

  /** An audit entry; steps of one emergency are numbered 1, 2, 3... by the workflow. */
  public record Step(int sequence, String actor, String action, String detail) {}
}
