package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * The guardian's veto in governance: NoderrMultisig's {@code CancelQueued}, which cancels an
 * operation queued on the governance timelock (where the multisig holds CANCELLER_ROLE) before its
 * delay ends. The operation id is the one in the timelock's {@code CallScheduled} event.
 *
 * @param nonce the multisig's next nonce
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record CancelQueuedAction(
    Address timelock, byte[] operation, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "CancelQueued(address timelock,bytes32 operation,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public CancelQueuedAction {
    if (operation == null || operation.length != 32) {
      throw new IllegalArgumentException("a timelock operation id is 32 bytes");
    }
    operation = operation.clone();
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** A copy: the record's array stays as constructed. */
  @Override
  public byte[] operation() {
    return operation.clone();
  }

  /** The digest the multisig recomputes on chain (its {@code cancelQueuedDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.address(timelock),
            operation.clone(),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("timelock", timelock.checksummed());
    message.put("operation", Numeric.toHexString(operation));
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "CancelQueued",
        List.of(
            Abi.field("timelock", "address"),
            Abi.field("operation", "bytes32"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing. */
  public List<String> summary(MultisigDomain domain) {
    return Actions.lines(
        List.of(
            "CANCEL the governance operation "
                + Numeric.toHexString(operation)
                + " queued on timelock "
                + timelock.checksummed()
                + ": the proposal will never execute"),
        Actions.footer(domain, nonce, deadline));
  }
}
