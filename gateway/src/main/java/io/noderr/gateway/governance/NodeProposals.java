package io.noderr.gateway.governance;

import io.noderr.http.BadRequestException;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.workflows.governance.ProposalInput;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.noderr.workflows.governance.SignedProposalBody;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Proposals a node submits for its operator: the node speaks only for its own operator, so the
 * proposer must be the signing address of that operator's approved application. The proposer's own
 * signature is what the governor checks; this check keeps a node from relaying anyone else's. The
 * ProposalWorkflow then submits it, as for the console's proposals.
 */
@Service
public class NodeProposals {

  private final GovernanceIdentities identities;
  private final WorkflowClient workflows;
  private final AuditLog audit;
  private final String offReason;

  NodeProposals(
      GovernanceIdentities identities,
      WorkflowClient workflows,
      AuditLog audit,
      Environment environment) {
    this.identities = identities;
    this.workflows = workflows;
    this.audit = audit;
    this.offReason = offReason(Binder.get(environment));
  }

  /** What the console's GovernanceSettings says too: a chain and a governor. */
  private static String offReason(Binder binder) {
    if (binder.bind("noderr.beacon.rpc-url", String.class).map(String::isBlank).orElse(true)) {
      return "governance is off: the beacon is not on chain (no noderr.beacon.rpc-url)";
    }
    if (binder
        .bind("noderr.governance.governor-address", String.class)
        .map(String::isBlank)
        .orElse(true)) {
      return "governance is off: noderr.governance.governor-address is not set";
    }
    return null;
  }

  public Started propose(String nodeId, SignedProposalBody body) {
    if (offReason != null) {
      throw new NodeProposalRefusedException(HttpStatus.CONFLICT, offReason);
    }
    if (body == null) {
      throw new BadRequestException("the body must be a signed proposal");
    }
    ProposalInput input;
    try {
      input = body.input("node:" + nodeId);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    Optional<String> operator = identities.signingAddressOfNode(nodeId);
    String proposer = input.signed().proposer();
    if (operator.isEmpty() || !operator.get().equals(proposer)) {
      String reason =
          operator
              .map(
                  own ->
                      "node "
                          + nodeId
                          + " speaks only for its operator "
                          + own
                          + ", not for "
                          + proposer)
              .orElse(
                  "node "
                      + nodeId
                      + " has no operator with an approved application to propose for");
      audit.append("node:" + nodeId, "governance.proposal-refused", nodeId, reason, null);
      throw new NodeProposalRefusedException(HttpStatus.FORBIDDEN, reason);
    }
    String workflowId = ProposalWorkflow.workflowId(input.proposalId());
    try {
      SignedProposalBody.start(workflows, input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new NodeProposalRefusedException(
          HttpStatus.CONFLICT,
          "proposal " + input.proposalId() + " was submitted already (" + workflowId + ")");
    }
    audit.append(
        "node:" + nodeId,
        "governance.proposal-submitted",
        workflowId,
        "for operator " + proposer + ": " + ProposalWorkflow.summary(input),
        workflowId);
    return new Started(input.proposalId(), workflowId);
  }

  public record Started(String proposalId, String workflowId) {}
}
