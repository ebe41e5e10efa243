package io.noderr.workflows.healthcheck;

/** Which node to check, and who asked (recorded in the audit log). */
public record NodeHealthCheckInput(String nodeId, String requestedBy) {}
