package io.noderr.console.api;

import io.noderr.console.rewards.RewardService;
import io.noderr.console.rewards.RewardViews.ClaimCall;
import io.noderr.console.rewards.RewardViews.Claims;
import io.noderr.console.rewards.RewardViews.EpochDetail;
import io.noderr.console.rewards.RewardViews.EpochPage;
import io.noderr.console.rewards.RewardViews.NodeOutcome;
import io.noderr.console.rewards.RewardViews.Payout;
import io.noderr.console.rewards.RewardViews.SignatureAccepted;
import io.noderr.console.rewards.RewardViews.SignatureForm;
import io.noderr.http.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/rewards}: reward epochs, their payouts with Merkle proofs and their nodes'
 * outcomes (everyone reads; an operator login only its own payout and nodes), the claims of an
 * address ({@code noderr claim} reads them), and the signers' side of an epoch's root: its typed
 * data and their signatures (409 with the workflow's reason when refused).
 */
@Tag(
    name = "Rewards",
    description =
        "Reward epochs, payouts with Merkle proofs, node outcomes, claims; the signers' side of an epoch's root")
@RestController
@RequestMapping("/api/v1/rewards")
class RewardController {

  private static final int MAX_PAGE_SIZE = 200;

  private final RewardService rewards;

  RewardController(RewardService rewards) {
    this.rewards = rewards;
  }

  @Operation(summary = "List reward epochs, paged")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/epochs")
  EpochPage epochs(
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size) {
    return rewards.epochs(
        Params.integer("page", page, 0, 1_000_000), Params.integer("size", size, 1, MAX_PAGE_SIZE));
  }

  @Operation(summary = "One reward epoch: window, stage, pool, formula, root")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/epochs/{epoch}")
  EpochDetail epoch(@PathVariable String epoch) {
    return rewards.epoch(epochNumber(epoch));
  }

  @Operation(summary = "An epoch's payouts with their Merkle proofs")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's payout")
  @GetMapping("/epochs/{epoch}/payouts")
  List<Payout> payouts(@PathVariable String epoch, Authentication caller) {
    return rewards.payouts(epochNumber(epoch), caller);
  }

  @Operation(summary = "Every node's outcome in an epoch, with the reason")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes")
  @GetMapping("/epochs/{epoch}/nodes")
  List<NodeOutcome> nodes(@PathVariable String epoch, Authentication caller) {
    return rewards.nodes(epochNumber(epoch), caller);
  }

  /** What a signer signs for the epoch's root: EIP-712 typed data for eth_signTypedData_v4. */
  @Operation(summary = "The EIP-712 typed data a signer signs for an epoch's root")
  @ApiRoles("SIGNER")
  @GetMapping("/epochs/{epoch}/typed-data")
  Map<String, Object> typedData(@PathVariable String epoch) {
    return rewards.typedData(epochNumber(epoch));
  }

  @Operation(summary = "Submit a signer's signature of an epoch's root")
  @ApiRoles("SIGNER")
  @PostMapping("/epochs/{epoch}/signatures")
  SignatureAccepted sign(
      @PathVariable String epoch, @RequestBody SignatureForm form, Authentication caller) {
    return rewards.sign(epochNumber(epoch), form, caller);
  }

  /** The transaction an operator's wallet sends to claim its payout of the epoch. */
  @Operation(summary = "The transaction an operator's wallet sends to claim its payout of an epoch")
  @ApiRoles("OPERATOR")
  @GetMapping("/epochs/{epoch}/claim-call")
  ClaimCall claimCall(@PathVariable String epoch, Authentication caller) {
    return rewards.claimCall(epochNumber(epoch), caller);
  }

  @Operation(summary = "The claims of an address across epochs")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login only its own address (another is 404)")
  @GetMapping("/claims/{address}")
  Claims claims(@PathVariable String address, Authentication caller) {
    return rewards.claims(address, caller);
  }

  private static long epochNumber(String value) {
    return Params.integer("epoch", value, 1, Integer.MAX_VALUE);
  }
}
