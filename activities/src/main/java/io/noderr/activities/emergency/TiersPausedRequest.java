package io.noderr.activities.emergency;

import java.util.List;

/**
 * The quorum's pause (indefinite; ratifies a guardian pause) or unpause of tiers, signed over
 * {@code PauseTiers(tiers, paused, nonce, deadline)} with the multisig's next nonce
 * (io.noderr.signing.PauseTiersAction).
 *
 * @param tiers tier mask: bit i is tier code i (ALL = 0, ORACLE = 1, GUARDIAN = 2)
 * @param deadline unix seconds after which the multisig refuses the signatures
 * @param signatures 0x-prefixed hex, at least the threshold, ALREADY SORTED by signer address
 *     ascending as the multisig requires (the beacon passes them on as given)
 */
public record TiersPausedRequest(
    long tiers, boolean paused, long deadline, List<String> signatures) {

  public TiersPausedRequest {
    signatures = List.copyOf(signatures);
  }
}
