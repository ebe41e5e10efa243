package io.noderr.workflows.slashing;

import io.noderr.activities.slashing.DisputeTerms;
import io.noderr.signing.Address;
import io.noderr.signing.DismissSlashAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.signing.SlashAction;
import io.noderr.workflows.QuorumSignatures;
import io.noderr.workflows.slashing.VoteCommand.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of signer votes over one Slash action (its nonce and deadline make each round's
 * signatures its own: a vote from an earlier round cannot be replayed into a later one). Pure.
 */
final class DecisionRound {

  private final SlashAction action;
  private final MultisigDomain domain;
  private final byte[] digest;
  private final List<String> signers;
  private final int needed;
  private final boolean dismissible;
  private final QuorumSignatures slashes;
  private final Map<String, String> dismissals = new LinkedHashMap<>();

  /**
   * @param needed SLASH signatures that decide the round
   * @param dismissible whether signers may vote DISMISS (not when re-signing a decided slashing)
   */
  DecisionRound(
      DisputeTerms terms,
      BigInteger amount,
      BigInteger nonce,
      long deadline,
      int needed,
      boolean dismissible) {
    this.domain = new MultisigDomain(terms.chainId(), Address.of(terms.multisig()));
    this.action =
        new SlashAction(
            Address.of(terms.staking()), Address.of(terms.operator()), amount, nonce, deadline);
    this.digest = action.digest(domain);
    this.signers = List.copyOf(terms.signers());
    this.needed = needed;
    this.dismissible = dismissible;
    this.slashes = new QuorumSignatures(signers, needed, digest, "this slashing");
  }

  void check(VoteCommand vote) {
    if (vote.verdict() == null) {
      throw new IllegalArgumentException("a vote is SLASH or DISMISS");
    }
    Address signer;
    try {
      signer = Address.of(vote.signer());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signer: " + e.getMessage());
    }
    if (dismissals.containsKey(signer.value()) || slashes.signed().contains(signer.value())) {
      throw new IllegalArgumentException(signer.checksummed() + " already voted in this round");
    }
    if (vote.verdict() == Verdict.SLASH) {
      slashes.check(vote.signer(), vote.signature());
      return;
    }
    if (!dismissible) {
      throw new IllegalArgumentException(
          "the slashing is decided; this round only collects signatures over the new nonce");
    }
    if (!signers.contains(signer.value())) {
      throw new IllegalArgumentException(
          signer.checksummed() + " is not in the multisig's signer set");
    }
    DismissSlashAction dismissal = new DismissSlashAction(digest, vote.reason());
    Address recovered;
    try {
      recovered = Signatures.recover(dismissal.digest(domain), vote.signature());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed signature: " + e.getMessage());
    }
    if (!recovered.equals(signer)) {
      throw new IllegalArgumentException(
          "the signature is not "
              + signer.checksummed()
              + "'s over dismissing this slashing with this reason");
    }
  }

  void add(VoteCommand vote) {
    check(vote);
    if (vote.verdict() == Verdict.SLASH) {
      slashes.add(vote.signer(), vote.signature());
    } else {
      dismissals.put(Address.of(vote.signer()).value(), vote.reason().strip());
    }
  }

  boolean slashDecided() {
    return slashes.complete();
  }

  /** Too many dismissals for the needed SLASH signatures to be reachable. */
  boolean dismissDecided() {
    return dismissals.size() > signers.size() - needed;
  }

  SlashAction action() {
    return action;
  }

  byte[] digest() {
    return digest.clone();
  }

  int needed() {
    return needed;
  }

  List<String> slashVotes() {
    return slashes.signed();
  }

  List<String> dismissVotes() {
    return new ArrayList<>(dismissals.keySet());
  }

  List<String> votes() {
    List<String> votes = new ArrayList<>();
    slashes.signed().forEach(s -> votes.add(s + ":SLASH"));
    dismissals.keySet().forEach(s -> votes.add(s + ":DISMISS"));
    return votes;
  }

  String dismissalReasons() {
    return String.join("; ", dismissals.values());
  }

  List<String> sortedSignatures() {
    return slashes.sortedSignatures();
  }
}
