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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Governance",
    description =
        "On-chain governance: overview, proposals, ballots, stakes (409 when governance is off)")
@RestController
@RequestMapping("/api/v1/governance")
class GovernanceController {

  private final GovernanceService governance;

  GovernanceController(GovernanceService governance) {
    this.governance = governance;
  }

  @Operation(summary = "Governance overview: contracts, parameters, totals")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping
  Overview overview() {
    return governance.overview();
  }

  @Operation(summary = "List governance proposals")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/proposals")
  List<Proposal> proposals() {
    return governance.proposals();
  }

  @Operation(summary = "One governance proposal with its tally")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/proposals/{proposalId}")
  Proposal proposal(@PathVariable String proposalId) {
    return governance.proposal(proposalId);
  }

  /** 202: the workflow submits the proposal; follow it at {@code /proposals/{proposalId}}. */
  @Operation(summary = "Submit a proposal its operator signed (202; the workflow submits it)")
  @ApiRoles({"ADMIN", "OPERATOR"})
  @PostMapping("/proposals")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ProposalStarted propose(@RequestBody SignedProposalBody body, Authentication caller) {
    return governance.propose(body, caller);
  }

  @Operation(summary = "The EIP-712 ballot a voter signs for a proposal")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/proposals/{proposalId}/ballot")
  Ballot ballot(@PathVariable String proposalId, @RequestParam(required = false) String voter) {
    return governance.ballot(proposalId, voter);
  }

  @Operation(summary = "Relay a ballot its voter signed")
  @ApiRoles({"ADMIN", "OPERATOR"})
  @PostMapping("/proposals/{proposalId}/ballots")
  BallotRelayed castBallot(
      @PathVariable String proposalId, @RequestBody BallotForm form, Authentication caller) {
    return governance.castBallot(proposalId, form, caller);
  }

  @Operation(summary = "Stakes the caller may see")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's stake")
  @GetMapping("/stakes")
  List<Stake> stakes(Authentication caller) {
    return governance.stakes(caller);
  }
}
