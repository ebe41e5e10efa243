package io.noderr.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * A signer's signed "no" to one release request. Off-chain only (the contract never sees it), but
 * signed in the multisig's domain over the release's own digest, so only a signer can decline and
 * only the request they read.
 *
 * @param release the {@link PublishAction#digest} of the request being declined
 */
public record DeclineAction(byte[] release, String reason) {

  public static final String TYPE = "Decline(bytes32 release,string reason)";
  public static final int MAX_REASON = 500;
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public DeclineAction {
    if (release == null || release.length != 32) {
      throw new IllegalArgumentException("release digest must be 32 bytes");
    }
    release = release.clone();
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required to decline");
    }
    if (reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason is longer than " + MAX_REASON + " characters");
    }
  }

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(TYPEHASH, release, MultisigDomain.keccak(reason)));
  }

  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("release", Numeric.toHexString(release));
    message.put("reason", reason);
    return TypedData.of(
        domain,
        "Decline",
        List.of(Abi.field("release", "bytes32"), Abi.field("reason", "string")),
        message);
  }

  @Override
  public byte[] release() {
    return release.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeclineAction d
        && java.util.Arrays.equals(release, d.release)
        && reason.equals(d.reason);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(release) + reason.hashCode();
  }

  @Override
  public String toString() {
    return "DeclineAction[release=" + Numeric.toHexString(release) + ", reason=" + reason + "]";
  }
}
