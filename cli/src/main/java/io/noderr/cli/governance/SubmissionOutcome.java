package io.noderr.cli.governance;

import io.noderr.agent.platform.PlatformException;
import io.noderr.cli.signer.SigningRefused;
import java.time.Duration;

/**
 * What became of a signed proposal the platform took: the chain's own checks (the proposal
 * threshold, counted from the block after the proposer staked; the signature) run while the
 * platform submits it, so "accepted for submission" is not the proposer's answer yet. Waits while
 * the proposal is SUBMITTING, at most {@code wait}.
 */
public final class SubmissionOutcome {

  private static final Duration POLL = Duration.ofSeconds(2);

  private final GovernanceClient client;
  private final Duration wait;

  public SubmissionOutcome(GovernanceClient client, Duration wait) {
    this.client = client;
    this.wait = wait;
  }

  /**
   * The line saying where the proposal stands, or null when the platform does not say (one that
   * predates proposal standings); a refusal is thrown as {@link SigningRefused} with its reason.
   */
  public String await(String proposalId) {
    long deadline = System.nanoTime() + wait.toNanos();
    ProposalStanding standing;
    try {
      standing = client.standing(proposalId);
      while (standing.submitting() && System.nanoTime() < deadline) {
        pause();
        standing = client.standing(proposalId);
      }
    } catch (PlatformException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
    if (standing.refused()) {
      throw new SigningRefused(
          "proposal "
              + proposalId
              + " was refused before it reached the chain: "
              + standing.reason());
    }
    if (standing.submitting()) {
      return "still being submitted after "
          + wait.toSeconds()
          + " s; follow it at /api/v1/governance/proposals/"
          + proposalId;
    }
    return "on chain: "
        + standing.state()
        + (standing.voteStart() == null
            ? ""
            : ", votes from " + standing.voteStart() + " to " + standing.voteEnd());
  }

  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while waiting for the proposal's submission");
    }
  }
}
