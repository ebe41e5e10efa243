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
@RestController
@RequestMapping("/api/v1/rewards")
class RewardController {

  private static final int MAX_PAGE_SIZE = 200;

  private final RewardService rewards;

  RewardController(RewardService rewards) {
    this.rewards = rewards;
  }

  @GetMapping("/epochs")
  EpochPage epochs(
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size) {
    return rewards.epochs(
        Params.integer("page", page, 0, 1_000_000), Params.integer("size", size, 1, MAX_PAGE_SIZE));
  }

  @GetMapping("/epochs/{epoch}")
  EpochDetail epoch(@PathVariable String epoch) {
    return rewards.epoch(epochNumber(epoch));
  }

  @GetMapping("/epochs/{epoch}/payouts")
  List<Payout> payouts(@PathVariable String epoch, Authentication caller) {
    return rewards.payouts(epochNumber(epoch), caller);
  }

  @GetMapping("/epochs/{epoch}/nodes")
  List<NodeOutcome> nodes(@PathVariable String epoch, Authentication caller) {
    return rewards.nodes(epochNumber(epoch), caller);
  }

  /** What a signer signs for the epoch's root: EIP-712 typed data for eth_signTypedData_v4. */
  @GetMapping("/epochs/{epoch}/typed-data")
  Map<String, Object> typedData(@PathVariable String epoch) {
    return rewards.typedData(epochNumber(epoch));
  }

  @PostMapping("/epochs/{epoch}/signatures")
  SignatureAccepted sign(
      @PathVariable String epoch, @RequestBody SignatureForm form, Authentication caller) {
    return rewards.sign(epochNumber(epoch), form, caller);
  }

  /** The transaction an operator's wallet sends to claim its payout of the epoch. */
  @GetMapping("/epochs/{epoch}/claim-call")
  ClaimCall claimCall(@PathVariable String epoch, Authentication caller) {
    return rewards.claimCall(epochNumber(epoch), caller);
  }

  @GetMapping("/claims/{address}")
  Claims claims(@PathVariable String address, Authentication caller) {
    return rewards.claims(address, caller);
  }

  private static long epochNumber(String value) {
    return Params.integer("epoch", value, 1, Integer.MAX_VALUE);
  }
}
