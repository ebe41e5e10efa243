package io.noderr.cli.governance;

import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorDomain;

/**
 * The governor and chain an operator expects to sign for, known from outside the platform (the
 * deployment): a compromised platform cannot then collect ballots or proposals for another governor
 * or chain.
 *
 * @param governor the expected NoderrGovernor, or null when not pinned
 * @param chainId the expected chain id, or null when not pinned
 */
public record GovernorPins(Address governor, Long chainId) {

  public boolean isComplete() {
    return governor != null && chainId != null;
  }

  /**
   * @throws SigningRefused when the platform names another governor or chain than pinned
   */
  public void require(GovernorDomain domain) {
    if (governor != null && !governor.equals(domain.governor())) {
      throw new SigningRefused(
          "the platform names governor "
              + domain.governor().checksummed()
              + ", not the expected "
              + governor.checksummed()
              + " — not signing");
    }
    if (chainId != null && chainId != domain.chainId()) {
      throw new SigningRefused(
          "the platform names chain "
              + domain.chainId()
              + ", not the expected "
              + chainId
              + " — not signing");
    }
  }
}
