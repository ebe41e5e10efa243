package io.noderr.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What a proposer signs for NoderrGovernor's {@code proposeBySig}: EIP-712 typed data {@code
 * ProposeBySig(address proposer,address[] targets,uint256[] values,bytes[] calldatas,string
 * description,uint256 nonce,uint256 deadline)} in the governor's domain. Arrays hash as EIP-712
 * does (keccak256 of the concatenated encoded elements; each {@code bytes} element its keccak256),
 * so any {@code eth_signTypedData_v4} wallet shows the calls and the text and signs the same digest
 * the contract recomputes ({@code proposeBySigDigest}). The nonce is the proposer's on the
 * governor, shared with their ballots: the signature proposes once, and a ballot signed in between
 * uses it up.
 */
public record ProposalSubmission(GovernorDomain domain, SignedProposal proposal) {

  public static final String TYPE =
      "ProposeBySig(address proposer,address[] targets,uint256[] values,bytes[] calldatas,"
          + "string description,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);
  private static final Pattern HEX = Pattern.compile("^0x([0-9a-fA-F]{2})*$");

  /**
   * @param proposal the proposal; its signature is not part of the digest (may be empty to sign)
   * @throws IllegalArgumentException for a proposal the governor would refuse by its shape: no
   *     calls, lists of different lengths, calldata that is not hex, a negative value or nonce
   */
  public ProposalSubmission {
    if (domain == null || proposal == null) {
      throw new IllegalArgumentException("a governor domain and a proposal are required");
    }
    check(proposal);
  }

  /** The 32-byte digest the proposer signs and the governor recomputes. */
  public byte[] digest() {
    byte[][] calldataHashes =
        proposal.calldatas().stream().map(c -> Hash.sha3(bytes(c))).toArray(byte[][]::new);
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.address(proposal.proposer()),
            Actions.addressArrayHash(proposal.targets()),
            Abi.keccakWords(proposal.values().stream().map(Abi::uint).toArray(byte[][]::new)),
            Abi.keccakWords(calldataHashes),
            Hash.sha3(proposal.description().getBytes(StandardCharsets.UTF_8)),
            Abi.uint(proposal.nonce()),
            Abi.uint(BigInteger.valueOf(proposal.deadline()))));
  }

  /** The proposal with the proposer's 65-byte low-s signature over {@link #digest()}. */
  public SignedProposal sign(ECKeyPair proposerKey) {
    if (!Signatures.addressOf(proposerKey).equals(proposal.proposer())) {
      throw new IllegalArgumentException(
          "the key does not belong to proposer " + proposal.proposer().checksummed());
    }
    return new SignedProposal(
        proposal.proposer(),
        proposal.targets(),
        proposal.values(),
        proposal.calldatas(),
        proposal.description(),
        proposal.nonce(),
        proposal.deadline(),
        Signatures.sign(digest(), proposerKey));
  }

  /**
   * The address that signed the proposal's signature over this digest.
   *
   * @throws Signatures.InvalidSignatureException for a malformed, high-s or unrecoverable signature
   */
  public Address signer() {
    return Signatures.recover(digest(), proposal.signature());
  }

  /**
   * Checks the proposal's signature is its proposer's.
   *
   * @throws Signatures.InvalidSignatureException when it is malformed, high-s or another key's
   */
  public void verify() {
    Address signer = signer();
    if (!signer.equals(proposal.proposer())) {
      throw new Signatures.InvalidSignatureException(
          "the signature is "
              + signer.checksummed()
              + "'s, not the proposer "
              + proposal.proposer().checksummed()
              + "'s (another key, or the proposal changed after signing)");
    }
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData() {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("proposer", proposal.proposer().checksummed());
    message.put("targets", Actions.checksummed(proposal.targets()));
    message.put("values", proposal.values().stream().map(BigInteger::toString).toList());
    message.put("calldatas", proposal.calldatas());
    message.put("description", proposal.description());
    message.put("nonce", proposal.nonce().toString());
    message.put("deadline", proposal.deadline());
    return TypedData.of(
        domain.asTypedDataDomain(),
        "ProposeBySig",
        List.of(
            Abi.field("proposer", "address"),
            Abi.field("targets", "address[]"),
            Abi.field("values", "uint256[]"),
            Abi.field("calldatas", "bytes[]"),
            Abi.field("description", "string"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What the proposer reads before signing: the text, every call in words, nonce and domain. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add("PROPOSE as " + proposal.proposer().checksummed() + ": " + proposal.description());
    for (int i = 0; i < proposal.targets().size(); i++) {
      lines.add("call " + (i + 1) + "            " + describeCall(i));
    }
    lines.add("governor nonce    " + proposal.nonce());
    lines.add(
        "valid until       "
            + Instant.ofEpochSecond(proposal.deadline())
            + " ("
            + proposal.deadline()
            + ")");
    lines.add("chain id          " + domain.chainId());
    lines.add("governor          " + domain.governor().checksummed());
    return List.copyOf(lines);
  }

  private String describeCall(int i) {
    String target = proposal.targets().get(i).checksummed();
    BigInteger value = proposal.values().get(i);
    String calldata = proposal.calldatas().get(i);
    String sent = value.signum() == 0 ? "" : ", sending " + value + " wei";
    return SetParameterCall.decode(calldata)
        .map(
            call ->
                "setParameter(\"" + call.name() + "\", " + call.value() + ") on " + target + sent)
        .orElseGet(
            () ->
                bytes(calldata).length == 0
                    ? "transfer of " + value + " wei to " + target
                    : "call "
                        + calldata.substring(0, Math.min(10, calldata.length()))
                        + "… ("
                        + bytes(calldata).length
                        + " bytes) on "
                        + target
                        + sent);
  }

  private static void check(SignedProposal proposal) {
    if (proposal.proposer() == null || proposal.description() == null) {
      throw new IllegalArgumentException("a proposal needs its proposer and description");
    }
    int calls = proposal.targets().size();
    if (calls == 0) {
      throw new IllegalArgumentException("a proposal needs at least one call");
    }
    if (proposal.values().size() != calls || proposal.calldatas().size() != calls) {
      throw new IllegalArgumentException(
          "targets, values and calldatas must have the same length, were "
              + calls
              + ", "
              + proposal.values().size()
              + " and "
              + proposal.calldatas().size());
    }
    for (String calldata : proposal.calldatas()) {
      if (calldata == null || !HEX.matcher(calldata).matches()) {
        throw new IllegalArgumentException("calldata must be 0x-hex bytes, was '" + calldata + "'");
      }
    }
    for (BigInteger value : proposal.values()) {
      if (value == null || value.signum() < 0 || value.bitLength() > 256) {
        throw new IllegalArgumentException("a call's value must be a uint256, was " + value);
      }
    }
    Actions.checkNonceAndDeadline(proposal.nonce(), proposal.deadline());
  }

  private static byte[] bytes(String hex) {
    return Numeric.hexStringToByteArray(hex);
  }
}
