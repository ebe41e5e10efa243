package io.noderr.worker.slashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.slashing.SlashingCause;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.registry.slashing.SlashingEvidence;
import io.noderr.workflows.slashing.SlashingDisputeWorkflow;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The evidence detector against the registry in PostgreSQL and the Temporal test server: it starts
 * disputes; no worker runs them here (the workflow is tested on its own), so the dispute stays
 * unrecorded and only its id keeps a second run from opening it again.
 */
class SlashingEvidenceJobIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private TestWorkflowEnvironment temporal;
  private SlashingEvidenceJob job;

  @BeforeEach
  void fleet() {
    temporal = TestEnvironments.newInstance();
    job =
        new SlashingEvidenceJob(
            db.bean(SlashingEvidence.class),
            db.bean(SlashingDisputes.class),
            new SlashingSettings(
                db.bean(GovernanceParameters.class), SlashingDefaults.properties()),
            temporal.getWorkflowClient());
    db.insertNode("silent-1", "op-1", Tier.ALL, "eu-west", "DEGRADED");
    db.insertNode("recent-1", "op-1", Tier.ALL, "eu-west", "DEGRADED");
    db.insertNode("fine-1", "op-1", Tier.ALL, "eu-west", "ACTIVE");
    db.insertNode("retired-1", "op-1", Tier.ALL, "eu-west", "RETIRED");
    heartbeat("silent-1", now.minus(Duration.ofHours(7)));
    heartbeat("recent-1", now.minus(Duration.ofHours(5)));
    heartbeat("fine-1", now);
    heartbeat("retired-1", now.minus(Duration.ofDays(7)));
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void aNodeSilentBeyondTheThreshold_getsExactlyOneDispute() {
    assertThat(job.detect(now)).isEqualTo(1);

    String disputeId = "downtime-silent-1-" + now.minus(Duration.ofHours(7)).getEpochSecond();
    WorkflowStub started =
        temporal
            .getWorkflowClient()
            .newUntypedWorkflowStub(SlashingDisputeWorkflow.workflowId(disputeId));
    assertThat(started.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    // The next run finds the dispute already started: none more.
    assertThat(job.detect(now.plusSeconds(60))).isZero();
  }

  @Test
  void aNodeWithAnOpenDisputeOfTheCause_getsNoOther() {
    db.jdbc()
        .update(
            "INSERT INTO slashing_disputes (id, node_id, cause, evidence, opened_by, stage)"
                + " VALUES ('earlier', 'silent-1', ?, 'silent', 'system', 'AWAITING_DECISION')",
            SlashingCause.SUSTAINED_DOWNTIME.name());

    assertThat(job.detect(now)).isZero();
  }

  @Test
  void aFailedAttestation_opensAnAttestationDispute() {
    heartbeat("silent-1", now);
    db.jdbc().update("UPDATE nodes SET attestation_status = 'FAILED' WHERE id = 'fine-1'");

    assertThat(job.detect(now)).isEqualTo(1);
    assertThat(job.detect(now)).isZero();
  }

  @Test
  void aGovernedDowntimeThreshold_winsOverTheDefault() {
    db.jdbc()
        .update(
            "INSERT INTO governance_parameters (name, min_value, max_value, value, updated_block,"
                + " updated_tx) VALUES (?, 3600, 604800, ?, 1, '0x1')",
            SlashingParameterNames.DOWNTIME_THRESHOLD_SECONDS,
            Duration.ofHours(8).toSeconds());

    // Silent for 7 h: beyond the default 6 h, within the governed 8 h.
    assertThat(job.detect(now)).isZero();
  }

  private void heartbeat(String nodeId, Instant at) {
    db.jdbc()
        .update("UPDATE nodes SET last_heartbeat = ? WHERE id = ?", Timestamp.from(at), nodeId);
  }
}
