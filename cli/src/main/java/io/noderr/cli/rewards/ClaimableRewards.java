package io.noderr.cli.rewards;

import java.util.List;

/**
 * The platform's answer to {@code GET /api/v1/rewards/claims/{address}}: every epoch's payout to
 * the address with its Merkle proof, and where to claim it. Nothing here is trusted before the
 * distributor on chain confirms it ({@link ClaimPlan}).
 *
 * @param distributor null when the platform's economics are off
 */
public record ClaimableRewards(
    String address, Long chainId, String distributor, List<ClaimableReward> claims) {

  public ClaimableRewards {
    claims = claims == null ? List.of() : List.copyOf(claims);
  }

  /** One epoch's leaf (epoch, address, amount) and its proof against {@code root}, 0x-hex. */
  public record ClaimableReward(
      long epoch, String stage, String root, String amount, List<String> proof) {

    public ClaimableReward {
      proof = proof == null ? List.of() : List.copyOf(proof);
    }
  }
}
