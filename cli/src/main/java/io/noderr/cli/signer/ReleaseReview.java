package io.noderr.cli.signer;

import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * The checks a signer's machine makes before a key touches a request. The platform is not trusted:
 * the EIP-712 digest is rebuilt from the request's fields, and a request whose digest differs from
 * the platform's is refused, so the words the signer reads are exactly what the signature approves.
 */
public final class ReleaseReview {

  private ReleaseReview() {}

  /**
   * @param signer the address of the signer's key
   * @throws SigningRefused naming the first check that failed
   */
  public static ReviewedRelease review(
      ReleaseRequest request, Address signer, Pins pins, Instant now) {
    if (!ReleaseRequest.AWAITING_SIGNATURES.equals(request.status())) {
      throw new SigningRefused(
          request.id() + " is " + request.status() + ", not awaiting signatures");
    }
    MultisigDomain domain = domain(request);
    pins.require(domain);
    String tierName = tierName(request);
    PublishAction action = action(request);
    byte[] digest = action.digest(domain);
    if (!Numeric.toHexString(digest).equalsIgnoreCase(String.valueOf(request.digest()))) {
      throw new SigningRefused(
          "the platform's digest does not match the request's fields — not signing");
    }
    if (!now.isBefore(Instant.ofEpochSecond(action.deadline()))) {
      throw new SigningRefused(
          request.id()
              + " expired at "
              + Instant.ofEpochSecond(action.deadline())
              + " — not signing");
    }
    requireOpenSigner(request, signer, domain);
    return new ReviewedRelease(request.id(), tierName, action, domain, digest);
  }

  private static MultisigDomain domain(ReleaseRequest request) {
    try {
      return new MultisigDomain(request.chainId(), Address.of(request.multisig()));
    } catch (IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  /** The name shown to the signer comes from the signed code, and must agree with the label. */
  private static String tierName(ReleaseRequest request) {
    BeaconTier tier;
    try {
      tier = BeaconTier.ofCode(request.tierCode());
    } catch (IllegalArgumentException e) {
      throw malformed(e);
    }
    if (!tier.name().equals(request.tier())) {
      throw new SigningRefused(
          "the request labels tier code "
              + request.tierCode()
              + " as "
              + request.tier()
              + ", but that code is "
              + tier
              + " — not signing");
    }
    return tier.name();
  }

  private static PublishAction action(ReleaseRequest request) {
    try {
      return new PublishAction(
          request.tierCode(),
          request.version(),
          ImageDigest.parse(request.imageDigest()),
          request.minimumVersion(),
          request.notesUri(),
          new BigInteger(String.valueOf(request.nonce())),
          request.deadlineEpochSeconds());
    } catch (IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  private static void requireOpenSigner(
      ReleaseRequest request, Address signer, MultisigDomain domain) {
    String who = signer.checksummed();
    if (!contains(request.signers(), signer)) {
      throw new SigningRefused(
          who + " is not a signer of multisig " + domain.verifyingContract().checksummed());
    }
    if (contains(request.signedBy(), signer)) {
      throw new SigningRefused(who + " already signed " + request.id());
    }
    if (contains(request.declinedBy(), signer)) {
      throw new SigningRefused(who + " already declined " + request.id());
    }
  }

  private static boolean contains(List<String> addresses, Address address) {
    return addresses.stream().anyMatch(a -> a.equalsIgnoreCase(address.value()));
  }

  private static SigningRefused malformed(IllegalArgumentException e) {
    return new SigningRefused("the platform's release request is malformed: " + e.getMessage());
  }
}
