package io.noderr.signing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new signer set and threshold: NoderrMultisig's {@code ChangeSigners}. The order of the signers
 * is part of what is signed (the contract hashes the list as given). Guardians who are not in the
 * new set lose the guardian role.
 *
 * @param signers the new signer set, distinct, non-zero
 * @param threshold signatures needed afterwards, 1 to the number of signers
 */
public record ChangeSignersAction(
    List<Address> signers, int threshold, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "ChangeSigners(address[] signers,uint256 threshold,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public ChangeSignersAction {
    signers = Actions.checkAddresses(signers, "signers");
    if (threshold < 1 || threshold > signers.size()) {
      throw new IllegalArgumentException(
          "threshold must be between 1 and the number of signers (" + signers.size() + ")");
    }
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code signersDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Actions.addressArrayHash(signers),
            Abi.uint(BigInteger.valueOf(threshold)),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("signers", Actions.checksummed(signers));
    message.put("threshold", threshold);
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "ChangeSigners",
        List.of(
            Abi.field("signers", "address[]"),
            Abi.field("threshold", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing: every new signer, one a line. */
  public List<String> summary(MultisigDomain domain) {
    List<String> head = new ArrayList<>();
    head.add(
        "CHANGE SIGNERS to "
            + threshold
            + " of "
            + signers.size()
            + " (guardians outside the new set lose the role):");
    Actions.checksummed(signers).forEach(signer -> head.add("  signer          " + signer));
    return Actions.lines(head, Actions.footer(domain, nonce, deadline));
  }
}
