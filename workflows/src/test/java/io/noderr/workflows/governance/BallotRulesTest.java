package io.noderr.workflows.governance;

import static io.noderr.workflows.governance.Ballots.CALLS;
import static io.noderr.workflows.governance.Ballots.VOTER;
import static io.noderr.workflows.governance.Ballots.address;
import static io.noderr.workflows.governance.Ballots.ballot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ballot checks as pure functions: the cases a running workflow cannot hold still for. */
class BallotRulesTest {

  private static final long VOTE_END = 2_000_000_000L;

  @Test
  void ballot_atOrAfterTheVoteEnd_isRefused() {
    assertThatThrownBy(() -> check(ballot(VOTER, "FOR"), VOTE_END * 1000, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the vote ended at 2033-05-18T03:33:20Z");
  }

  @Test
  void ballot_inTheVote_bySigner_passes() {
    assertThat(check(ballot(VOTER, "FOR"), VOTE_END * 1000 - 1, Set.of()).value())
        .isEqualTo(address(VOTER));
  }

  @Test
  void ballot_ofAVoterWhoseBallotWasRelayed_isRefused() {
    assertThatThrownBy(() -> check(ballot(VOTER, "FOR"), 0, Set.of(address(VOTER))))
        .hasMessageContaining("already voted");
  }

  @Test
  void ballot_withUnknownSupport_isRefused() {
    assertThatThrownBy(() -> BallotRules.support("MAYBE"))
        .hasMessage("support must be FOR, AGAINST or ABSTAIN, got 'MAYBE'");
  }

  private static io.noderr.signing.Address check(
      BallotCommand ballot, long now, Set<String> voted) {
    return BallotRules.check(
        ballot,
        CALLS.proposalId(),
        FakeGovernor.CHAIN_ID,
        FakeGovernor.GOVERNOR,
        ProposalStage.ACTIVE,
        VOTE_END,
        now,
        voted);
  }
}
