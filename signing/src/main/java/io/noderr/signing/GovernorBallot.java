package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;

/**
 * A vote as OpenZeppelin Governor's {@code castVoteBySig} takes it: EIP-712 typed data {@code
 * Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)} in the domain {@code
 * NoderrGovernor} / {@code 1} / chain id / governor address. The voter signs it with their own key;
 * whoever relays it (the platform) cannot change the vote, replay it (the voter's nonce on the
 * governor) or move it to another chain or governor.
 *
 * @param support 0 = against, 1 = for, 2 = abstain (GovernorCountingSimple)
 */
public record GovernorBallot(
    long chainId,
    Address governor,
    BigInteger proposalId,
    int support,
    Address voter,
    BigInteger nonce) {

  public static final int AGAINST = 0;
  public static final int FOR = 1;
  public static final int ABSTAIN = 2;

  /** The support values by their number: what a person chooses and the platform relays. */
  public static final List<String> SUPPORT_NAMES = List.of("AGAINST", "FOR", "ABSTAIN");

  private static final byte[] BALLOT_TYPEHASH =
      MultisigDomain.keccak("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");

  public GovernorBallot {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, was " + chainId);
    }
    if (support < AGAINST || support > ABSTAIN) {
      throw new IllegalArgumentException(
          "support must be 0 (against), 1 (for) or 2 (abstain), was " + support);
    }
  }

  /** keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(ballot)): what the voter signs. */
  public byte[] digest() {
    return new GovernorDomain(chainId, governor)
        .typedDataDigest(
            Abi.keccakWords(
                BALLOT_TYPEHASH,
                Abi.uint(proposalId),
                Abi.uint(BigInteger.valueOf(support)),
                Abi.address(voter),
                Abi.uint(nonce)));
  }

  /**
   * The typed data exactly as {@code eth_signTypedData_v4} takes it, for a browser wallet or any
   * offline signer: the JSON form of {@link #digest()}.
   */
  public Map<String, Object> typedData() {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("proposalId", proposalId.toString());
    message.put("support", support);
    message.put("voter", voter.checksummed());
    message.put("nonce", nonce.toString());
    return TypedData.of(
        new GovernorDomain(chainId, governor).asTypedDataDomain(),
        "Ballot",
        List.of(
            Abi.field("proposalId", "uint256"),
            Abi.field("support", "uint8"),
            Abi.field("voter", "address"),
            Abi.field("nonce", "uint256")),
        message);
  }

  /** The voter's 65-byte signature (hex), low-s as Governor's ECDSA requires. */
  public String sign(ECKeyPair voterKey) {
    if (!Signatures.addressOf(voterKey).equals(voter)) {
      throw new IllegalArgumentException("the key does not belong to voter " + voter);
    }
    return Signatures.sign(digest(), voterKey);
  }
}
