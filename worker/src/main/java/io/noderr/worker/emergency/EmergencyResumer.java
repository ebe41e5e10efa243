package io.noderr.worker.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.Resumption;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.emergency.Emergencies;
import io.noderr.registry.emergency.EmergencyRow;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.worker.reconcile.TemporalExecutions;
import io.noderr.workflows.emergency.EmergencyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, on the embedded Temporal server only (it keeps no history across restarts), takes up
 * again every open emergency whose workflow the server no longer knows: same id, same proposal, the
 * signatures it had accepted (checked again by the workflow), a mandate with its deadline. Against
 * a real Temporal server the histories survive and nothing here runs.
 */
@Component
@ConditionalOnProperty(name = "noderr.temporal.embedded", havingValue = "true")
class EmergencyResumer {

  private static final Logger log = LoggerFactory.getLogger(EmergencyResumer.class);

  /** More open emergencies than this at once is not an incident but a backlog. */
  private static final int OPEN_LIMIT = 500;

  private final WorkflowClient client;
  private final TemporalExecutions executions;
  private final Emergencies emergencies;
  private final AuditLog audit;
  private final ObjectMapper json;

  EmergencyResumer(
      WorkflowClient client,
      TemporalExecutions executions,
      Emergencies emergencies,
      AuditLog audit,
      ObjectMapper json) {
    this.client = client;
    this.executions = executions;
    this.emergencies = emergencies;
    this.audit = audit;
    this.json = json;
  }

  /**
   * @return the emergencies taken up again
   */
  @EventListener(ApplicationReadyEvent.class)
  public int resumeLost() {
    int resumed = 0;
    for (EmergencyRow row : emergencies.list(true, OPEN_LIMIT)) {
      if (executions.statusOf(row.id()) != WorkflowRunStatus.LOST) {
        continue;
      }
      EmergencyProposal proposal = proposal(row);
      EmergencyWorkflow workflow =
          client.newWorkflowStub(
              EmergencyWorkflow.class, EmergencyWorkflow.startOptions(row.id(), proposal).build());
      try {
        WorkflowClient.start(workflow::run, proposal);
      } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
        continue;
      }
      audit.append(
          AuditLog.SYSTEM,
          "emergency.restarted",
          row.id(),
          "Temporal no longer knew the emergency (server restarted without persistence); taken"
              + " up again from "
              + row.stage().toLowerCase().replace('_', ' '),
          row.id());
      resumed++;
    }
    if (resumed > 0) {
      log.info("{} emergency(ies) taken up again after a Temporal restart", resumed);
    }
    return resumed;
  }

  private EmergencyProposal proposal(EmergencyRow row) {
    try {
      EmergencyProposal proposal = json.readValue(row.proposal(), EmergencyProposal.class);
      List<AcceptedSignature> signatures =
          json.readValue(row.signatures(), new TypeReference<List<AcceptedSignature>>() {});
      return proposal.resumed(
          new Resumption(
              row.stage(),
              row.mandateExpiresAt() == null ? 0 : row.mandateExpiresAt().getEpochSecond(),
              signatures,
              row.effects(),
              row.lastStep()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("emergency " + row.id() + " has an unreadable proposal", e);
    }
  }
}
