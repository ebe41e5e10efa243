package io.noderr.worker.reconcile;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.worker.onboarding.OnboardingResumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, checks every run the read model believes is RUNNING against Temporal. A run that closed
 * while no worker was watching gets its real ending. A run the server does not know (the embedded
 * server keeps nothing across restarts) is started again when it is an onboarding whose application
 * the registry can resume from; any other (a health check: short, and asked for again at will) is
 * marked LOST. So no row claims a workflow that no longer exists.
 */
@Component
public class WorkflowReconciler {

  private static final Logger log = LoggerFactory.getLogger(WorkflowReconciler.class);

  private final TemporalExecutions temporal;
  private final WorkflowRuns runs;
  private final OnboardingResumer onboardings;
  private final AuditLog audit;

  WorkflowReconciler(
      TemporalExecutions temporal,
      WorkflowRuns runs,
      OnboardingResumer onboardings,
      AuditLog audit) {
    this.temporal = temporal;
    this.runs = runs;
    this.onboardings = onboardings;
    this.audit = audit;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    int lost = 0;
    int resumed = 0;
    for (WorkflowRun run : runs.running()) {
      WorkflowRunStatus actual = temporal.statusOf(run.workflowId());
      if (actual == WorkflowRunStatus.RUNNING) {
        continue;
      }
      if (actual == WorkflowRunStatus.LOST && onboardings.resume(run)) {
        resumed++;
        continue;
      }
      String detail =
          actual == WorkflowRunStatus.LOST
              ? "Temporal no longer knows this workflow (server restarted without persistence)"
              : "closed while the platform was down";
      if (runs.ended(run.workflowId(), actual, detail) && actual == WorkflowRunStatus.LOST) {
        audit.append(AuditLog.SYSTEM, "workflow.lost", run.subject(), detail, run.workflowId());
        lost++;
      }
    }
    if (resumed > 0) {
      log.info("{} onboarding workflow(s) started again after a Temporal restart", resumed);
    }
    if (lost > 0) {
      log.warn("{} workflow run(s) were lost with the previous Temporal server", lost);
    }
  }
}
