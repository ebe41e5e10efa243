package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NoderrMultisig's {@code Slash}: takes {@code amount} (token units) of an operator's stake in the
 * staking contract, active stake first, then unbonding stake, into the governance treasury.
 *
 * @param nonce the multisig's next nonce
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record SlashAction(
    Address staking, Address operator, BigInteger amount, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "Slash(address staking,address operator,uint256 amount,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public SlashAction {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("the amount to slash must be positive");
    }
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code slashDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.address(staking),
            Abi.address(operator),
            Abi.uint(amount),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("staking", staking.checksummed());
    message.put("operator", operator.checksummed());
    message.put("amount", amount.toString());
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "Slash",
        List.of(
            Abi.field("staking", "address"),
            Abi.field("operator", "address"),
            Abi.field("amount", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing. */
  public List<String> summary(MultisigDomain domain) {
    return Actions.lines(
        List.of(
            "SLASH "
                + amount
                + " token units of operator "
                + operator.checksummed()
                + "'s stake in "
                + staking.checksummed()
                + " (sent to the treasury)"),
        Actions.footer(domain, nonce, deadline));
  }
}
