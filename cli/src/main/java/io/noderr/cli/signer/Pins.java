package io.noderr.cli.signer;

import io.noderr.signing.Address;

/**
 * What the signer expects the request to name, known from outside the platform (the deployment, a
 * colleague): a compromised platform cannot then collect signatures for another contract or chain.
 *
 * @param multisig the expected multisig contract, or null when not pinned
 * @param chainId the expected chain id, or null when not pinned
 */
public record Pins(Address multisig, Long chainId) {

  public boolean isComplete() {
    return multisig != null && chainId != null;
  }
}
