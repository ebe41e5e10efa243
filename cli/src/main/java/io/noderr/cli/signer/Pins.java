package io.noderr.cli.signer;

import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;

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

  /**
   * @throws SigningRefused when the request's domain names another contract or chain than pinned
   */
  public void require(MultisigDomain domain) {
    if (multisig != null && !multisig.equals(domain.verifyingContract())) {
      throw new SigningRefused(
          "the request names multisig "
              + domain.verifyingContract().checksummed()
              + ", not the expected "
              + multisig.checksummed()
              + " — not signing");
    }
    if (chainId != null && chainId != domain.chainId()) {
      throw new SigningRefused(
          "the request names chain "
              + domain.chainId()
              + ", not the expected "
              + chainId
              + " — not signing");
    }
  }
}
