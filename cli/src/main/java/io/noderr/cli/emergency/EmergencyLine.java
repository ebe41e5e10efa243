package io.noderr.cli.emergency;

/** A line of the platform's emergency list ({@code GET /api/v1/emergencies}). */
public record EmergencyLine(
    String id,
    String action,
    String stage,
    String scope,
    String proposedBy,
    String createdAt,
    String mandateExpiresAt,
    int signatures,
    int required) {}
