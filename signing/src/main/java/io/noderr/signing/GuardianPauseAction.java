package io.noderr.signing;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One guardian's signed pause of tiers: NoderrMultisig's {@code GuardianPause}. It takes a single
 * guardian's signature and lasts the multisig's mandate unless the quorum ratifies it.
 *
 * @param tiers a {@link TierMask}
 * @param nonce the multisig's next nonce (spent by the pause)
 * @param deadline unix seconds after which the contract refuses the signature
 */
public record GuardianPauseAction(long tiers, BigInteger nonce, long deadline) {

  public static final String TYPE = "GuardianPause(uint256 tiers,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public GuardianPauseAction {
    TierMask.check(tiers);
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code guardianPauseDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.uint(BigInteger.valueOf(tiers)),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("tiers", tiers);
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "GuardianPause",
        List.of(
            Abi.field("tiers", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /**
   * What a guardian reads before signing.
   *
   * @param mandate the multisig's {@code mandateSeconds}: how long the pause lasts by itself
   */
  public List<String> summary(MultisigDomain domain, Duration mandate) {
    return Actions.lines(
        List.of(
            "GUARDIAN PAUSE of tier(s) " + TierMask.names(tiers) + " (mask " + tiers + ")",
            "lasts             "
                + mandate
                + " unless the signers' quorum ratifies or lifts it; afterwards anyone may end it",
            "one guardian's signature is enough"),
        Actions.footer(domain, nonce, deadline));
  }
}
