package io.noderr.worker.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.registry.release.ReleaseTerms;
import io.noderr.registry.release.StoredRelease;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.worker.reconcile.TemporalExecutions;
import io.noderr.workflows.release.ReleaseApprovalWorkflow;
import io.noderr.workflows.release.ReleaseProposal;
import io.noderr.workflows.release.ReleaseProposal.Resumption;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, on the embedded Temporal server only (it keeps no history across restarts), starts
 * again every release request the read model shows under way whose workflow the server no longer
 * knows: on the same workflow id, with the proposal's terms and the signatures already accepted.
 * The workflow checks each signature again against the beacon before admitting it; a request past
 * its deadline ends EXPIRED; one lost while publishing finishes publishing (publishing is
 * idempotent). Against a real Temporal server the histories survive and nothing here runs.
 */
@Component
@ConditionalOnProperty(name = "noderr.temporal.embedded", havingValue = "true")
public class ReleaseResumer {

  private static final Logger log = LoggerFactory.getLogger(ReleaseResumer.class);

  private final WorkflowClient client;
  private final TemporalExecutions executions;
  private final ReleaseRequests releases;
  private final AuditLog audit;

  ReleaseResumer(
      WorkflowClient client,
      TemporalExecutions executions,
      ReleaseRequests releases,
      AuditLog audit) {
    this.client = client;
    this.executions = executions;
    this.releases = releases;
    this.audit = audit;
  }

  /**
   * @return the requests started again
   */
  @EventListener(ApplicationReadyEvent.class)
  public int resumeLost() {
    int resumed = 0;
    for (StoredRelease release : releases.unfinished()) {
      String id = release.row().id();
      if (executions.statusOf(id) != WorkflowRunStatus.LOST) {
        continue;
      }
      ReleaseProposal proposal = proposal(release);
      ReleaseApprovalWorkflow workflow =
          client.newWorkflowStub(
              ReleaseApprovalWorkflow.class,
              ReleaseApprovalWorkflow.startOptions(proposal).build());
      try {
        WorkflowClient.start(workflow::run, proposal);
      } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
        continue;
      }
      audit.append(
          AuditLog.SYSTEM,
          "release.resumed",
          id,
          "Temporal no longer knew the request (server restarted without persistence); started"
              + " again "
              + describe(release.row().status())
              + " with "
              + proposal.resumedFrom().signatures().size()
              + " accepted signatures to check again",
          id);
      resumed++;
    }
    if (resumed > 0) {
      log.info("{} release request(s) started again after a Temporal restart", resumed);
    }
    return resumed;
  }

  private static ReleaseProposal proposal(StoredRelease release) {
    ReleaseRow row = release.row();
    ReleaseTerms terms = release.terms();
    return new ReleaseProposal(
        BeaconTier.valueOf(row.tier().name()),
        row.version(),
        row.imageDigest(),
        terms.minimumVersion(),
        terms.notesUri(),
        row.deadline().getEpochSecond(),
        row.proposedBy(),
        terms.downgradeReason(),
        new Resumption(
            terms.nonce(),
            terms.signatures().stream()
                .map(
                    s ->
                        new CollectedSignature(
                            s.signer(),
                            s.signature(),
                            s.submittedBy(),
                            s.signedAt().toEpochMilli()))
                .toList(),
            row.lastStep()));
  }

  private static String describe(String status) {
    return "from " + status.toLowerCase().replace('_', ' ');
  }
}
