package io.noderr.console.onboarding;

import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.workflows.onboarding.OnboardingState;
import java.util.List;

/**
 * An application with its live workflow state (null once the workflow has ended and the server no
 * longer answers queries for it) and its audit trail.
 */
public record ApplicationDetails(
    ApplicationRow application, OnboardingState workflowState, List<AuditEntry> audit) {}
