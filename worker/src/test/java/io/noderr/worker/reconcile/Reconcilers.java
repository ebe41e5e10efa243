package io.noderr.worker.reconcile;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.worker.onboarding.OnboardingResumer;
import io.temporal.client.WorkflowClient;

/** The start-up checks wired to a given Temporal server, for tests that restart it. */
public final class Reconcilers {

  private Reconcilers() {}

  public static TemporalExecutions executions(WorkflowClient client) {
    return new TemporalExecutions(client);
  }

  public static WorkflowReconciler reconciler(
      WorkflowClient client, WorkflowRuns runs, OnboardingResumer onboardings, AuditLog audit) {
    return new WorkflowReconciler(new TemporalExecutions(client), runs, onboardings, audit);
  }
}
