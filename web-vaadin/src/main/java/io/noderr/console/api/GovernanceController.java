package io.noderr.console.api;

import io.noderr.console.governance.GovernanceService;
import io.noderr.console.governance.GovernanceViews.Ballot;
import io.noderr.console.governance.GovernanceViews.BallotForm;
import io.noderr.console.governance.GovernanceViews.BallotRelayed;
import io.noderr.console.governance.GovernanceViews.Overview;
import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.console.governance.GovernanceViews.ProposalStarted;
import io.noderr.console.governance.GovernanceViews.Stake;
import io.noderr.workflows.governance.SignedProposalBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/governance}: on-chain governance. Everyone reads (ADMIN, SRE, OPERATOR, SIGNER);
 * ADMIN and OPERATOR hand in ballots and proposals their signers signed (the signature is the
 * authority). {@code GET .../proposals/{id}/ballot?voter=0x…} and {@code POST
 * .../proposals/{id}/ballots} are what {@code noderr vote} calls. 409 "governance is off: …" when
 * governance is off.
 */
@RestController
@RequestMapping("/api/v1/governance")
class GovernanceController {

  private final GovernanceService governance;

  GovernanceController(GovernanceService governance) {
    this.governance = governance;
  }

  @GetMapping
  Overview overview() {
    return governance.overview();
  }

  @GetMapping("/proposals")
  List<Proposal> proposals() {
    return governance.proposals();
  }

  @GetMapping("/proposals/{proposalId}")
  Proposal proposal(@PathVariable String proposalId) {
    return governance.proposal(proposalId);
  }

  /** 202: the workflow submits the proposal; follow it at {@code /proposals/{proposalId}}. */
  @PostMapping("/proposals")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ProposalStarted propose(@RequestBody SignedProposalBody body, Authentication caller) {
    return governance.propose(body, caller);
  }

  @GetMapping("/proposals/{proposalId}/ballot")
  Ballot ballot(@PathVariable String proposalId, @RequestParam(required = false) String voter) {
    return governance.ballot(proposalId, voter);
  }

  @PostMapping("/proposals/{proposalId}/ballots")
  BallotRelayed castBallot(
      @PathVariable String proposalId, @RequestBody BallotForm form, Authentication caller) {
    return governance.castBallot(proposalId, form, caller);
  }

  @GetMapping("/stakes")
  List<Stake> stakes(Authentication caller) {
    return governance.stakes(caller);
  }
}
