package io.noderr.registry.audit;

import java.time.Instant;

/** One line of the append-only audit log. {@code workflowId} is null for non-workflow actions. */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String action,
    String subject,
    String detail,
    String workflowId) {}
