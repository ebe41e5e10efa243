package io.noderr.cli.signer;

import io.noderr.signing.DeclineAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import java.util.List;

/**
 * A release request that passed {@link ReleaseReview}: the action and digest computed here, from
 * the request's fields, and found equal to the platform's.
 */
public record ReviewedRelease(
    String id, String tierName, PublishAction action, MultisigDomain domain, byte[] digest) {

  public ReviewedRelease {
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** Every signed field in words, from our own action (never the platform's summary). */
  public List<String> summary() {
    return action.summary(domain, tierName);
  }

  /** The digest a signer signs to decline this release with {@code reason}. */
  public byte[] declineDigest(String reason) {
    return new DeclineAction(digest, reason).digest(domain);
  }
}
