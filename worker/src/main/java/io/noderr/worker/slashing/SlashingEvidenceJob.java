package io.noderr.worker.slashing;

import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.SlashingCause;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.slashing.NodeEvidence;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.registry.slashing.SlashingEvidence;
import io.noderr.workflows.slashing.SlashingDisputeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Opens slashing disputes from what the registry already records: nodes silent beyond the governed
 * downtime threshold, and nodes whose attestation failed. One dispute per node and episode: the id
 * names the node and the episode's start (the silence's, or the last good attestation's), and a
 * dispute id is never reused, so several workers and repeated runs open it once; a node with an
 * open dispute of the cause gets no second one meanwhile.
 */
class SlashingEvidenceJob {

  private static final Logger log = LoggerFactory.getLogger(SlashingEvidenceJob.class);

  private final SlashingEvidence evidence;
  private final SlashingDisputes disputes;
  private final SlashingSettings settings;
  private final WorkflowClient workflows;

  SlashingEvidenceJob(
      SlashingEvidence evidence,
      SlashingDisputes disputes,
      SlashingSettings settings,
      WorkflowClient workflows) {
    this.evidence = evidence;
    this.disputes = disputes;
    this.settings = settings;
    this.workflows = workflows;
  }

  @Scheduled(
      initialDelayString = "${noderr.slashing.detector-interval:1m}",
      fixedDelayString = "${noderr.slashing.detector-interval:1m}")
  void run() {
    try {
      int opened = detect(Instant.now());
      if (opened > 0) {
        log.info("slashing: {} dispute(s) opened from evidence", opened);
      }
    } catch (RuntimeException e) {
      // Temporal or the database is unreachable: the evidence stays and the next run opens it.
      log.warn("slashing evidence not checked this run: {}", e.getMessage());
    }
  }

  /**
   * @return the disputes started
   */
  int detect(Instant now) {
    Duration threshold = settings.current().downtimeThreshold();
    int started = 0;
    for (NodeEvidence silent : evidence.silentSince(now.minus(threshold))) {
      started +=
          open(
              SlashingCause.SUSTAINED_DOWNTIME,
              "downtime",
              silent,
              "no heartbeat since " + silent.since() + ", threshold " + threshold);
    }
    for (NodeEvidence failed : evidence.attestationFailures()) {
      started +=
          open(
              SlashingCause.ATTESTATION_FAILURE,
              "attestation",
              failed,
              "attestation failed after the last good one at " + failed.since());
    }
    return started;
  }

  private int open(SlashingCause cause, String prefix, NodeEvidence node, String what) {
    if (disputes.hasOpen(node.nodeId(), cause.name())) {
      return 0;
    }
    String disputeId = prefix + "-" + node.nodeId() + "-" + node.since().getEpochSecond();
    DisputeOpening opening =
        new DisputeOpening(disputeId, node.nodeId(), cause, what, AuditLog.SYSTEM);
    SlashingDisputeWorkflow workflow =
        workflows.newWorkflowStub(
            SlashingDisputeWorkflow.class, SlashingDisputeWorkflow.startOptions(disputeId));
    try {
      WorkflowClient.start(workflow::run, opening);
      return 1;
    } catch (WorkflowExecutionAlreadyStarted alreadyOpened) {
      return 0;
    }
  }
}
