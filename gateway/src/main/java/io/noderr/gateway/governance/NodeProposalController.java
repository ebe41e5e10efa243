package io.noderr.gateway.governance;

import io.noderr.workflows.governance.SignedProposalBody;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/agent/governance/proposals}: a node (its own session) submits a proposal its
 * operator signed; 202 with the proposal id and its workflow, 403 when the proposer is not the
 * node's own operator.
 */
@RestController
class NodeProposalController {

  private final NodeProposals proposals;

  NodeProposalController(NodeProposals proposals) {
    this.proposals = proposals;
  }

  @PostMapping("/api/v1/agent/governance/proposals")
  @ResponseStatus(HttpStatus.ACCEPTED)
  NodeProposals.Started propose(@RequestBody SignedProposalBody body, Authentication caller) {
    return proposals.propose(caller.getName(), body);
  }
}
