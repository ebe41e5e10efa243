package io.noderr.signing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new guardian set: NoderrMultisig's {@code ChangeGuardians}. Every guardian must be a signer
 * (checked by the contract against its signer set); an empty set leaves no one able to pause alone.
 *
 * @param guardians the new guardians, distinct, non-zero, in the order signed
 */
public record ChangeGuardiansAction(List<Address> guardians, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "ChangeGuardians(address[] guardians,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public ChangeGuardiansAction {
    guardians = Actions.checkAddresses(guardians, "guardians");
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code guardiansDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Actions.addressArrayHash(guardians),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("guardians", Actions.checksummed(guardians));
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "ChangeGuardians",
        List.of(
            Abi.field("guardians", "address[]"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing: every new guardian, one a line. */
  public List<String> summary(MultisigDomain domain) {
    List<String> head = new ArrayList<>();
    head.add(
        guardians.isEmpty()
            ? "CHANGE GUARDIANS to none: no one may pause alone any more"
            : "CHANGE GUARDIANS to these "
                + guardians.size()
                + " signer(s), each able to pause tiers alone for the mandate:");
    Actions.checksummed(guardians).forEach(guardian -> head.add("  guardian        " + guardian));
    return Actions.lines(head, Actions.footer(domain, nonce, deadline));
  }
}
