package io.noderr.registry.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.governance.GovernanceEvent.Key;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A proposal's tally has two writers: the follower's VoteCast events and the proposal workflow,
 * which reads the governor's own counts right after relaying a ballot, before the event is
 * confirmed. Whichever comes first, each vote counts once.
 */
class GovernanceTallyIT {

  private static final long CHAIN = 1337;
  private static final String GOVERNOR = "0x" + "6b".repeat(20);
  private static final String PROPOSAL = "4242";
  private static final String BIG = "0x" + "a1".repeat(20);
  private static final String SMALL = "0x" + "b2".repeat(20);
  private static final BigInteger TWENTY = BigInteger.valueOf(20_000);
  private static final BigInteger TEN = BigInteger.valueOf(10_000);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final GovernanceLedger ledger = db.bean(GovernanceLedger.class);
  private final GovernanceProposals proposals = db.bean(GovernanceProposals.class);

  @Test
  void theGovernorsCountsFirst_thenTheVoteEvents_countEachVoteOnce() {
    created(1);
    // The workflow relayed both ballots and read the governor's counts: 10,000 for, 20,000 against.
    proposals.recordConfirmed(
        PROPOSAL, ProposalStatus.ACTIVE, TEN, TWENTY, BigInteger.ZERO, null, null);

    record(2, vote(2, BIG, "AGAINST", TWENTY), vote(2, SMALL, "FOR", TEN));

    assertTally(TEN, TWENTY);
  }

  @Test
  void theVoteEventsFirst_thenTheGovernorsCounts_countEachVoteOnce() {
    created(1);
    record(2, vote(2, BIG, "AGAINST", TWENTY), vote(2, SMALL, "FOR", TEN));

    proposals.recordConfirmed(
        PROPOSAL, ProposalStatus.DEFEATED, TEN, TWENTY, BigInteger.ZERO, null, null);
    // A range read again applies nothing twice.
    record(3, vote(2, SMALL, "FOR", TEN));

    assertTally(TEN, TWENTY);
    assertThat(proposals.find(PROPOSAL).orElseThrow().state()).isEqualTo(ProposalStatus.DEFEATED);
  }

  private void assertTally(BigInteger forVotes, BigInteger againstVotes) {
    ProposalRow row = proposals.find(PROPOSAL).orElseThrow();
    assertThat(row.forVotes()).isEqualTo(forVotes);
    assertThat(row.againstVotes()).isEqualTo(againstVotes);
    assertThat(row.abstainVotes()).isZero();
  }

  private void created(long block) {
    record(
        block,
        new GovernanceEvent.ProposalCreated(
            key(block, 0),
            GOVERNOR,
            PROPOSAL,
            BIG,
            List.of("0x" + "cc".repeat(20)),
            List.of("0"),
            List.of("0x12345678"),
            "canary 20 %",
            Instant.parse("2026-12-03T10:00:00Z"),
            Instant.parse("2026-12-03T10:10:00Z")));
  }

  private void record(long block, GovernanceEvent... events) {
    ledger.recordRange(CHAIN, GOVERNOR, List.of(events), block);
  }

  private static GovernanceEvent.VoteCast vote(
      long block, String voter, String support, BigInteger weight) {
    return new GovernanceEvent.VoteCast(
        key(block, voter.hashCode() & 0xff), PROPOSAL, voter, support, weight, "");
  }

  private static Key key(long block, int logIndex) {
    return new Key(CHAIN, "0x" + Long.toHexString(block).repeat(2), logIndex, block);
  }
}
