package io.noderr.activities.emergency;

import java.util.List;

/**
 * The guardian's veto: the quorum cancels an operation queued on the governance timelock, signed
 * over {@code CancelQueued(timelock, operation, nonce, deadline)} with the multisig's next nonce
 * (io.noderr.signing.CancelQueuedAction).
 *
 * @param timelock the governance timelock (0x-hex address)
 * @param operation the queued operation's id (0x-hex, 32 bytes)
 * @param deadline unix seconds after which the multisig refuses the signatures
 * @param signatures 0x-prefixed hex, at least the threshold, ALREADY SORTED by signer address
 *     ascending as the multisig requires (the beacon passes them on as given)
 */
public record CancelQueuedRequest(
    String timelock, String operation, long deadline, List<String> signatures) {

  public CancelQueuedRequest {
    signatures = List.copyOf(signatures);
  }
}
