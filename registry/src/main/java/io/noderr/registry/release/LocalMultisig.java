package io.noderr.registry.release;

import java.util.List;

/**
 * The local multisig's row.
 *
 * @param nonce the next nonce
 * @param signers with threshold and guardians: the set the multisig changed itself to, or null
 *     while the configured set applies (it never changed it)
 */
public record LocalMultisig(
    long nonce, List<String> signers, Integer threshold, List<String> guardians) {

  /** True once the multisig changed its signer set itself. */
  public boolean changed() {
    return signers != null;
  }
}
