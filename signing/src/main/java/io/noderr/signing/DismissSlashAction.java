package io.noderr.signing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * A signer's signed "no" to one slashing: off-chain only (the contract never sees it), signed in
 * the multisig's domain over the {@link SlashAction#digest} under decision, so only a signer can
 * dismiss and only the slashing they read.
 */
public record DismissSlashAction(byte[] slash, String reason) {

  public static final String TYPE = "DismissSlash(bytes32 slash,string reason)";
  public static final int MAX_REASON = 500;
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public DismissSlashAction {
    if (slash == null || slash.length != 32) {
      throw new IllegalArgumentException("the slashing digest must be 32 bytes");
    }
    slash = slash.clone();
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required to dismiss");
    }
    if (reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("the reason is longer than " + MAX_REASON + " characters");
    }
  }

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(Abi.keccakWords(TYPEHASH, slash, MultisigDomain.keccak(reason)));
  }

  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("slash", Numeric.toHexString(slash));
    message.put("reason", reason);
    return TypedData.of(
        domain,
        "DismissSlash",
        List.of(Abi.field("slash", "bytes32"), Abi.field("reason", "string")),
        message);
  }

  @Override
  public byte[] slash() {
    return slash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DismissSlashAction d
        && Arrays.equals(slash, d.slash)
        && reason.equals(d.reason);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(slash) + reason.hashCode();
  }

  @Override
  public String toString() {
    return "DismissSlashAction[slash=" + Numeric.toHexString(slash) + ", reason=" + reason + "]";
  }
}
