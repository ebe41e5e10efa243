package io.noderr.activities.release;

import java.util.List;

/**
 * The beacon and its multisig as read at one moment.
 *
 * @param backend CHAIN (a contract on an EVM chain) or LOCAL (the PostgreSQL beacon)
 * @param chainId EIP-712 domain chain id signatures must name
 * @param multisig EIP-712 verifying contract signatures must name (lower-case hex)
 * @param signers the signer set (lower-case hex addresses)
 * @param nonce the multisig's next nonce, decimal
 * @param current the tier's current release, or null when nothing was ever published
 */
public record BeaconState(
    Backend backend,
    long chainId,
    String multisig,
    List<String> signers,
    int threshold,
    String nonce,
    CurrentRelease current,
    boolean paused) {

  public enum Backend {
    CHAIN,
    LOCAL
  }

  public BeaconState {
    signers = List.copyOf(signers);
  }
}
