package io.noderr.signing;

import java.math.BigInteger;

/** PLACEHOLDER until branch chain lands. */
public record GuardianPauseAction(long tiers, BigInteger nonce, long deadline) {
  public static final String TYPE = "GuardianPause(uint256 tiers,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.uint(BigInteger.valueOf(tiers)),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  public java.util.Map<String, Object> typedData(MultisigDomain domain) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("tiers", tiers);
    m.put("nonce", nonce.toString());
    m.put("deadline", deadline);
    return TypedData.of(
        domain,
        "GuardianPause",
        java.util.List.of(
            Abi.field("tiers", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        m);
  }
}
