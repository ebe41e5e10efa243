package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quorum's pause or unpause of tiers: NoderrMultisig's {@code PauseTiers}. Pausing makes the
 * pause indefinite (it ratifies a guardian pause); unpausing also ends a guardian pause early.
 *
 * @param tiers a {@link TierMask}
 * @param nonce the multisig's next nonce
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record PauseTiersAction(long tiers, boolean paused, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "PauseTiers(uint256 tiers,bool paused,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public PauseTiersAction {
    TierMask.check(tiers);
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code pauseTiersDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.uint(BigInteger.valueOf(tiers)),
            Abi.bool(paused),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("tiers", tiers);
    message.put("paused", paused);
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "PauseTiers",
        List.of(
            Abi.field("tiers", "uint256"),
            Abi.field("paused", "bool"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing. */
  public List<String> summary(MultisigDomain domain) {
    String head =
        paused
            ? "PAUSE tier(s) "
                + TierMask.names(tiers)
                + " (mask "
                + tiers
                + ") INDEFINITELY: ratifies a guardian pause; lifted only by the quorum"
            : "UNPAUSE tier(s) "
                + TierMask.names(tiers)
                + " (mask "
                + tiers
                + "): ends any pause, a guardian's included";
    return Actions.lines(List.of(head), Actions.footer(domain, nonce, deadline));
  }
}
