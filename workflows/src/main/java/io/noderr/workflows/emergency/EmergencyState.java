package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyProposal;
import java.util.List;

/**
 * An emergency as the workflow holds it.
 *
 * @param request what needs signing now (null when nothing does)
 * @param signatures every accepted signature, for every request
 * @param mandateExpiresAt unix seconds a guardian's mandate ends unless ratified (0: no mandate)
 * @param effects what it did, in words (nodes paused, rolled back, quarantined...)
 * @param rolloutId EMERGENCY_ROLLBACK: the rollback deployment's id
 */
public record EmergencyState(
    String id,
    EmergencyStage stage,
    EmergencyProposal proposal,
    String scope,
    SigningRequest request,
    List<AcceptedSignature> signatures,
    long mandateExpiresAt,
    List<String> effects,
    String rolloutId,
    String reason) {

  public EmergencyState {
    signatures = List.copyOf(signatures);
    effects = List.copyOf(effects);
  }
}
