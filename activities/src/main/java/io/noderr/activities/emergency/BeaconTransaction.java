package io.noderr.activities.emergency;

/**
 * What an emergency action on the beacon did.
 *
 * @param transactionHash the transaction (on chain) or {@code local-...} id (local beacon); null
 *     when nothing was sent
 * @param blockNumber its block (local beacon: the multisig's nonce after it); 0 when nothing was
 *     sent
 * @param alreadyDone true when the beacon was already in the requested state, so nothing was sent:
 *     a retried activity whose first attempt went through answers this way
 */
public record BeaconTransaction(String transactionHash, long blockNumber, boolean alreadyDone) {

  public static BeaconTransaction alreadyDoneBefore() {
    return new BeaconTransaction(null, 0, true);
  }
}
