package io.noderr.workflows.governance;

import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a ballot passes before anything is relayed, as pure functions (the validator's and the
 * handler's): the right proposal, a support value, a well-formed low-s signature by the declared
 * voter over this proposal in this chain's and governor's EIP-712 domain, inside the vote.
 */
final class BallotRules {

  private BallotRules() {}

  /** The governor's support number of FOR, AGAINST or ABSTAIN. */
  static int support(String support) {
    if (support == null) {
      throw refused("support is missing: FOR, AGAINST or ABSTAIN");
    }
    return switch (support.strip().toUpperCase(Locale.ROOT)) {
      case "AGAINST" -> GovernorBallot.AGAINST;
      case "FOR" -> GovernorBallot.FOR;
      case "ABSTAIN" -> GovernorBallot.ABSTAIN;
      default -> throw refused("support must be FOR, AGAINST or ABSTAIN, got '" + support + "'");
    };
  }

  /**
   * @param stage the workflow's stage
   * @param voteEnd unix seconds
   * @param nowMillis the workflow's clock
   * @param relayedOrInFlight voters whose ballot this workflow relayed or is relaying
   * @return the voter, when the ballot may be relayed
   */
  static Address check(
      BallotCommand command,
      String proposalId,
      long chainId,
      String governor,
      ProposalStage stage,
      long voteEnd,
      long nowMillis,
      Set<String> relayedOrInFlight) {
    if (command.proposalId() == null || !command.proposalId().equals(proposalId)) {
      throw refused(
          "the ballot is for proposal " + command.proposalId() + ", not for " + proposalId);
    }
    if (stage != ProposalStage.ACTIVE) {
      throw refused(
          "the proposal is "
              + stage.name().toLowerCase(Locale.ROOT)
              + ", not active: votes are taken only while it is active");
    }
    if (nowMillis >= voteEnd * 1000) {
      throw refused("the vote ended at " + Instant.ofEpochSecond(voteEnd));
    }
    Address voter;
    try {
      voter = Address.of(command.voter());
    } catch (RuntimeException e) {
      throw refused("voter: " + e.getMessage());
    }
    // Before the signature: a replayed ballot no longer recovers (the nonce moved on), and "already
    // voted" is what its sender needs to hear.
    if (relayedOrInFlight.contains(voter.value())) {
      throw refused(voter.checksummed() + " already voted on this proposal");
    }
    int support = support(command.support());
    BigInteger nonce;
    try {
      nonce = new BigInteger(command.nonce());
    } catch (RuntimeException e) {
      throw refused("nonce must be a decimal number, got '" + command.nonce() + "'");
    }
    GovernorBallot ballot =
        new GovernorBallot(
            chainId, Address.of(governor), new BigInteger(proposalId), support, voter, nonce);
    Address signer;
    try {
      signer = Signatures.recover(ballot.digest(), command.signature());
    } catch (IllegalArgumentException e) {
      throw refused("malformed signature: " + e.getMessage());
    }
    if (!signer.equals(voter)) {
      throw refused(
          "signature does not match voter "
              + voter.checksummed()
              + " (wrong proposal, chain or governor?): it recovers to "
              + signer.checksummed()
              + "; the ballot must be signed over proposal "
              + proposalId
              + ", support "
              + command.support()
              + ", nonce "
              + nonce
              + " in the domain NoderrGovernor / 1 / chain "
              + chainId
              + " / "
              + governor);
    }
    return voter;
  }

  static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
