package io.noderr.console.api;

import io.noderr.console.slashing.DisputeService;
import io.noderr.console.slashing.DisputeViews.DisputeStarted;
import io.noderr.console.slashing.DisputeViews.OpenForm;
import io.noderr.console.slashing.DisputeViews.StatementForm;
import io.noderr.console.slashing.DisputeViews.TypedData;
import io.noderr.console.slashing.DisputeViews.VoteForm;
import io.noderr.workflows.slashing.DisputeAccepted;
import io.noderr.workflows.slashing.DisputeState;
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
 * {@code /api/v1/disputes}: slashing disputes (docs/slashing.md). ADMIN opens one ({@code POST},
 * 201; 404 for an unknown node; 409 "governance is off: …"); ADMIN, SRE and SIGNER read every
 * dispute, an OPERATOR login only its own nodes' (another's is 404). {@code GET
 * .../{id}/typed-data} is what to sign; the operator (or an ADMIN relaying its signature) answers
 * and appeals, a SIGNER votes. A submission the dispute's workflow refuses is 409 with the
 * workflow's reason and changes nothing; malformed input is 400. {@code noderr dispute} calls
 * these.
 */
@Tag(name = "Disputes", description = "Slashing disputes: open, read, sign, answer, appeal, vote")
@RestController
@RequestMapping("/api/v1/disputes")
class DisputeController {

  private final DisputeService disputes;

  DisputeController(DisputeService disputes) {
    this.disputes = disputes;
  }

  /** Opens a dispute against a node: {@code {nodeId, cause, evidence}}; cause defaults to ADMIN. */
  @Operation(summary = "Open a slashing dispute against a node (201)")
  @ApiRoles("ADMIN")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  DisputeStarted open(@RequestBody OpenForm form, Authentication caller) {
    return disputes.open(form, caller);
  }

  /** The newest disputes the caller may see. */
  @Operation(summary = "The newest disputes the caller may see")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes' disputes")
  @GetMapping
  List<DisputeState> disputes(Authentication caller) {
    return disputes.disputes(caller);
  }

  @Operation(summary = "One dispute with its rounds")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes' disputes (another's is 404)")
  @GetMapping("/{disputeId}")
  DisputeState dispute(@PathVariable String disputeId) {
    return disputes.dispute(disputeId);
  }

  /**
   * EIP-712 typed data in the multisig's domain: {@code ?kind=ANSWER|APPEAL&statement=…} for the
   * operator's statement, the round's Slash action always, and {@code ?reason=…} its DismissSlash.
   */
  @Operation(
      summary = "The EIP-712 typed data to sign for a dispute's statement, slash or dismissal")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes' disputes")
  @GetMapping("/{disputeId}/typed-data")
  TypedData typedData(
      @PathVariable String disputeId,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String statement,
      @RequestParam(required = false) String reason) {
    return disputes.typedData(disputeId, kind, statement, reason);
  }

  /** The operator's answer: {@code {statement, signature}} over its DisputeStatement ANSWER. */
  @Operation(summary = "The operator's signed answer to a dispute")
  @ApiRoles(
      value = {"ADMIN", "OPERATOR"},
      note = "an ADMIN relays the operator's signature")
  @PostMapping("/{disputeId}/answer")
  DisputeAccepted answer(
      @PathVariable String disputeId, @RequestBody StatementForm form, Authentication caller) {
    return disputes.answer(disputeId, form, caller);
  }

  /** The operator's one appeal: {@code {statement, signature}} over its DisputeStatement APPEAL. */
  @Operation(summary = "The operator's one signed appeal of a dispute")
  @ApiRoles(
      value = {"ADMIN", "OPERATOR"},
      note = "an ADMIN relays the operator's signature")
  @PostMapping("/{disputeId}/appeal")
  DisputeAccepted appeal(
      @PathVariable String disputeId, @RequestBody StatementForm form, Authentication caller) {
    return disputes.appeal(disputeId, form, caller);
  }

  /** A signer's vote: {@code {signer, verdict: SLASH|DISMISS, reason, signature}}. */
  @Operation(summary = "A signer's signed vote on a dispute: SLASH or DISMISS")
  @ApiRoles("SIGNER")
  @PostMapping("/{disputeId}/votes")
  DisputeAccepted vote(
      @PathVariable String disputeId, @RequestBody VoteForm form, Authentication caller) {
    return disputes.vote(disputeId, form, caller);
  }
}
