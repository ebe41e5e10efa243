package io.noderr.cli.emergency;

import java.util.List;

/**
 * One emergency as the platform describes it ({@code GET /api/v1/emergencies/{id}}). What is signed
 * is never taken from here as is: {@link EmergencyReview} rebuilds it from the typed data.
 *
 * @param request what to sign now; null when nothing is to be signed
 * @param mandateExpiresAt ISO instant a guardian's mandate ends unless ratified; null if none
 */
public record Emergency(
    String id,
    String action,
    String stage,
    String scope,
    String reason,
    String proposedBy,
    String deadline,
    String mandateExpiresAt,
    List<String> signedBy,
    EmergencyRequest request,
    List<String> effects,
    String outcome,
    List<AuditLine> audit) {

  public Emergency {
    signedBy = signedBy == null ? List.of() : List.copyOf(signedBy);
    effects = effects == null ? List.of() : List.copyOf(effects);
    audit = audit == null ? List.of() : List.copyOf(audit);
  }

  /** One line of the emergency's audit trail. */
  public record AuditLine(String at, String actor, String action, String detail) {}
}
