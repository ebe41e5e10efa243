package io.noderr.registry.treasury;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;

/**
 * The ledger on a real PostgreSQL: entries with their postings, once per log; balances now and at a
 * block; flows per epoch; and the zero-sum rule held by the database whoever writes.
 */
class TreasuryLedgerIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final TreasuryAccount REWARDS =
      TreasuryAccount.onChain(
          TreasuryAccount.REWARDS_TREASURY, "0x00000000000000000000000000000000000000AA");
  private static final TreasuryAccount DISTRIBUTOR =
      TreasuryAccount.onChain(
          TreasuryAccount.DISTRIBUTOR, "0x00000000000000000000000000000000000000bb");
  private static final TreasuryAccount MINTS = TreasuryAccount.external("mints");
  private static final TreasuryAccount OPERATORS = TreasuryAccount.external("operators");

  private final TreasuryLedger ledger = db.bean(TreasuryLedger.class);
  private final TreasuryOverview overview = db.bean(TreasuryOverview.class);

  @Test
  void entries_areRecordedOncePerLog_andAddUpToBalancesNowAndAtABlock() {
    assertThat(
            ledger.recordRange(1337, "0xtoken", List.of(mint(10, 1_000), funded(11, 1, 300)), 11))
        .isEqualTo(2);
    assertThat(
            ledger.recordRange(1337, "0xtoken", List.of(mint(10, 1_000), funded(11, 1, 300)), 11))
        .isZero();
    ledger.record(claimed(12, 1, 100));

    assertThat(ledger.cursor(1337, "0xtoken")).hasValue(11);
    assertThat(balances(ledger.balances()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "rewards-treasury", big(700),
                "distributor", big(200),
                "external:mints", big(-1_000),
                "external:operators", big(100)));
    assertThat(balances(ledger.balancesAt(10)))
        .containsEntry("rewards-treasury", big(1_000))
        .containsEntry("distributor", BigInteger.ZERO);
    assertThat(ledger.balances().getFirst().account().address())
        .isEqualTo("0x00000000000000000000000000000000000000bb");
    assertThat(ledger.flowsPerEpoch())
        .containsExactly(
            new EpochFlow(null, EntryKind.MINT, big(1_000), 1),
            new EpochFlow(1L, EntryKind.REWARDS_FUNDED, big(300), 1),
            new EpochFlow(1L, EntryKind.REWARD_CLAIMED, big(100), 1));
    List<EntryRow> recent = ledger.recentEntries(2);
    assertThat(recent)
        .extracting(EntryRow::kind)
        .containsExactly(EntryKind.REWARD_CLAIMED, EntryKind.REWARDS_FUNDED);
    assertThat(recent.getFirst().postings())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("external:operators", big(100), "distributor", big(-100)));
    assertThat(overview.status().balances()).hasSize(4);
    assertThat(overview.status().drifting()).isFalse();
  }

  @Test
  void anEntryWhosePostingsDoNotSumToZero_isRefusedBeforeTheDatabase() {
    assertThatThrownBy(
            () ->
                new JournalEntry(
                    1,
                    "0xtx",
                    0,
                    Instant.EPOCH,
                    EntryKind.TRANSFER,
                    null,
                    "",
                    List.of(new Posting(REWARDS, big(5)), new Posting(MINTS, big(-4)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not balance");
  }

  @Test
  void theDatabase_refusesUnbalancedPostings_andRemovingOneSide() {
    ledger.record(mint(20, 50));
    ledger.record(funded(21, 1, 10));
    long entry =
        db.jdbc().queryForObject("SELECT id FROM treasury_entries WHERE kind = 'MINT'", Long.class);

    assertThatThrownBy(
            () ->
                db.jdbc()
                    .update(
                        "INSERT INTO treasury_postings (entry_id, account, amount)"
                            + " VALUES (?, 'distributor', 7)",
                        entry))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("does not balance");
    assertThatThrownBy(
            () ->
                db.jdbc()
                    .update(
                        "DELETE FROM treasury_postings WHERE entry_id = ? AND amount > 0", entry))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("does not balance");
    assertThat(balances(ledger.balances())).containsEntry("rewards-treasury", big(40));
  }

  @Test
  void theStatus_saysWhichAccountDrifted() {
    ledger.record(mint(30, 5));
    ledger.record(funded(31, 1, 5));
    db.bean(TreasuryReconciliations.class)
        .record(
            List.of(
                new ReconciliationRow(Instant.now(), 9, "rewards-treasury", big(5), big(5), big(0)),
                new ReconciliationRow(Instant.now(), 9, "distributor", big(7), big(5), big(2))));
    TreasuryStatus status = overview.status();

    assertThat(status.drifting()).isTrue();
    assertThat(db.bean(TreasuryReconciliations.class).drifting())
        .extracting(ReconciliationRow::account)
        .containsExactly("distributor");
  }

  private static JournalEntry mint(long block, long amount) {
    return entry(block, EntryKind.MINT, null, REWARDS, MINTS, amount);
  }

  private static JournalEntry funded(long block, long epoch, long amount) {
    return entry(block, EntryKind.REWARDS_FUNDED, epoch, DISTRIBUTOR, REWARDS, amount);
  }

  private static JournalEntry claimed(long block, long epoch, long amount) {
    return entry(block, EntryKind.REWARD_CLAIMED, epoch, OPERATORS, DISTRIBUTOR, amount);
  }

  private static JournalEntry entry(
      long block,
      EntryKind kind,
      Long epoch,
      TreasuryAccount debited,
      TreasuryAccount credited,
      long amount) {
    return JournalEntry.transfer(
        block,
        "0xtx" + block,
        3,
        Instant.ofEpochSecond(block),
        kind,
        epoch,
        "",
        debited,
        credited,
        big(amount));
  }

  private static Map<String, BigInteger> balances(List<AccountBalance> balances) {
    return balances.stream()
        .collect(
            java.util.stream.Collectors.toMap(b -> b.account().code(), AccountBalance::balance));
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }
}
