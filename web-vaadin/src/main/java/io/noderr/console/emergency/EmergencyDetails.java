package io.noderr.console.emergency;

import io.noderr.registry.audit.AuditEntry;
import io.noderr.workflows.emergency.SigningRequest;
import java.util.List;

/**
 * One emergency for people: what it is, what it needs signed now, what it did, and its audit trail.
 *
 * @param request what to sign now; null when nothing is to be signed
 * @param mandateExpiresAt ISO instant a guardian's mandate ends unless ratified; null if none
 * @param live false when the answer comes from the read model (the workflow is gone)
 */
public record EmergencyDetails(
    String id,
    String action,
    String stage,
    String scope,
    String reason,
    String proposedBy,
    String deadline,
    String mandateExpiresAt,
    List<String> signedBy,
    SigningRequest request,
    List<String> effects,
    String rolloutId,
    String outcome,
    boolean live,
    List<AuditEntry> audit) {}
