package io.noderr.registry.workflow;

import java.time.Instant;

/** A workflow the platform started, as recorded in the read model. */
public record WorkflowRun(
    String workflowId,
    String workflowType,
    String subject,
    WorkflowRunStatus status,
    String detail,
    String startedBy,
    Instant startedAt,
    Instant endedAt) {}
