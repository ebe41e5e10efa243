package io.noderr.signing;

import java.math.BigInteger;
import java.util.List;

/**
 * A governance proposal its proposer signed with their own key, for the platform to submit to
 * NoderrGovernor's {@code proposeBySig} (the proposer's stake counts for the proposal threshold,
 * not the relaying account's). The typed data and its digest are {@link ProposalSubmission}'s.
 *
 * @param proposer the operator's signing address: their governance identity
 * @param targets the calls' contracts
 * @param values the calls' ether values (wei)
 * @param calldatas the calls' ABI-encoded data, 0x-hex
 * @param description the proposal's text; its keccak256 is part of the proposal id
 * @param nonce the proposer's nonce on the governor ({@code nonces(proposer)})
 * @param deadline unix seconds after which the signature is refused
 * @param signature the proposer's 65-byte secp256k1 signature, 0x-hex
 */
public record SignedProposal(
    Address proposer,
    List<Address> targets,
    List<BigInteger> values,
    List<String> calldatas,
    String description,
    BigInteger nonce,
    long deadline,
    String signature) {

  public SignedProposal {
    targets = List.copyOf(targets);
    values = List.copyOf(values);
    calldatas = List.copyOf(calldatas);
  }
}
