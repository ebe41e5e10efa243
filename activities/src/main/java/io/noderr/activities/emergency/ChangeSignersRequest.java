package io.noderr.activities.emergency;

import java.util.List;

/**
 * A new signer set and threshold, signed by the current quorum over {@code ChangeSigners(signers,
 * threshold, nonce, deadline)} with the multisig's next nonce
 * (io.noderr.signing.ChangeSignersAction). Guardians outside the new set lose the role.
 *
 * @param signers the new signers (0x-prefixed hex addresses), in the order signed
 * @param deadline unix seconds after which the multisig refuses the signatures
 * @param signatures 0x-prefixed hex, at least the current threshold, ALREADY SORTED by signer
 *     address ascending as the multisig requires (the beacon passes them on as given)
 */
public record ChangeSignersRequest(
    List<String> signers, int threshold, long deadline, List<String> signatures) {

  public ChangeSignersRequest {
    signers = List.copyOf(signers);
    signatures = List.copyOf(signatures);
  }
}
