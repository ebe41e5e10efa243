package io.noderr.workflows.healthcheck;

import io.noderr.activities.platform.HealthCheckVerdict;

/** The verdict of a health check with a one-line explanation. */
public record NodeHealthCheckResult(String nodeId, HealthCheckVerdict verdict, String detail) {}
