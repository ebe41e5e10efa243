package io.noderr.signing;

import java.math.BigInteger;

/** PLACEHOLDER until branch chain lands. */
public record PauseTiersAction(long tiers, boolean paused, BigInteger nonce, long deadline) {
  public static final String TYPE =
      "PauseTiers(uint256 tiers,bool paused,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.uint(BigInteger.valueOf(tiers)),
            Abi.bool(paused),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  public java.util.Map<String, Object> typedData(MultisigDomain domain) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("tiers", tiers);
    m.put("paused", paused);
    m.put("nonce", nonce.toString());
    m.put("deadline", deadline);
    return TypedData.of(
        domain,
        "PauseTiers",
        java.util.List.of(
            Abi.field("tiers", "uint256"),
            Abi.field("paused", "bool"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        m);
  }
}
