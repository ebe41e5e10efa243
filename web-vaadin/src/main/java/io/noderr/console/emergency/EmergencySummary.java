package io.noderr.console.emergency;

import java.util.List;

/** A line of the emergency list. */
public record EmergencySummary(
    String id,
    String action,
    String stage,
    String scope,
    String reason,
    String proposedBy,
    String createdAt,
    String mandateExpiresAt,
    int signatures,
    int required,
    List<String> effects) {}
