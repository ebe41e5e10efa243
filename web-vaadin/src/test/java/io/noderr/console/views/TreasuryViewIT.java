package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.registry.treasury.AccountBalance;
import io.noderr.registry.treasury.EntryKind;
import io.noderr.registry.treasury.EpochFlow;
import io.noderr.registry.treasury.JournalEntry;
import io.noderr.registry.treasury.ReconciliationRow;
import io.noderr.registry.treasury.TreasuryAccount;
import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.registry.treasury.TreasuryReconciliations;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Treasury view over a ledger recorded as the follower records it: balances, flows per epoch,
 * entries, and the reconciliation line that turns red on drift. Operators do not see it.
 */
class TreasuryViewIT extends AbstractKaribuIT {

  private static final TreasuryAccount REWARDS =
      TreasuryAccount.onChain(TreasuryAccount.REWARDS_TREASURY, "0x" + "11".repeat(20));
  private static final TreasuryAccount DISTRIBUTOR =
      TreasuryAccount.onChain(TreasuryAccount.DISTRIBUTOR, "0x" + "22".repeat(20));
  private static final TreasuryAccount OPERATORS = TreasuryAccount.external("operators");
  private static final TreasuryAccount MINTS = TreasuryAccount.external("mints");
  private static final BigInteger NODR = BigInteger.TEN.pow(18);

  @Autowired TreasuryLedger ledger;
  @Autowired TreasuryReconciliations reconciliations;

  @BeforeEach
  void anEpochFundedAndPartlyClaimed() {
    ledger.track(List.of(REWARDS, DISTRIBUTOR, OPERATORS, MINTS));
    Instant at = Instant.parse("2026-12-04T10:00:00Z");
    ledger.record(entry(1, EntryKind.MINT, null, REWARDS, MINTS, 1_000, at));
    ledger.record(entry(2, EntryKind.REWARDS_FUNDED, 1L, DISTRIBUTOR, REWARDS, 300, at));
    ledger.record(entry(3, EntryKind.REWARD_CLAIMED, 1L, OPERATORS, DISTRIBUTOR, 120, at));
  }

  @Test
  void anAdmin_seesBalancesFlowsAndEntries_andThatTheLedgerMatchesTheChain() {
    reconciled(BigInteger.ZERO);
    startAs("admin");

    TreasuryView view = open();

    assertThat(balances(view))
        .extracting(b -> b.account().code(), AccountBalance::balance)
        .contains(
            tuple(TreasuryAccount.REWARDS_TREASURY, nodr(700)),
            tuple(TreasuryAccount.DISTRIBUTOR, nodr(180)));
    @SuppressWarnings("unchecked")
    Grid<EpochFlow> flows = _get(view, Grid.class, spec -> spec.withId("treasury-flows"));
    assertThat(GridKt._size(flows)).isEqualTo(3);
    @SuppressWarnings("unchecked")
    Grid<?> entries = _get(view, Grid.class, spec -> spec.withId("treasury-entries"));
    assertThat(GridKt._size(entries)).isEqualTo(3);
    assertThat(_get(view, Span.class, spec -> spec.withId("treasury-reconciliation")).getText())
        .startsWith("Balances match the chain at block 3");
  }

  @Test
  void aDrift_isShownAsSuch() {
    reconciled(BigInteger.TEN);
    startAs("sre");

    TreasuryView view = open();

    assertThat(_get(view, Span.class, spec -> spec.withId("treasury-reconciliation")).getText())
        .startsWith("DRIFT");
  }

  @Test
  void anOperatorLogin_cannotOpenTheTreasury() {
    startWithRoles("operator1", "OPERATOR");
    UI.getCurrent().navigate(TreasuryView.class);

    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  private void reconciled(BigInteger drift) {
    reconciliations.record(
        List.of(
            new ReconciliationRow(
                Instant.now(),
                3,
                TreasuryAccount.DISTRIBUTOR,
                nodr(180),
                nodr(180).subtract(drift),
                drift)));
  }

  @SuppressWarnings("unchecked")
  private static List<AccountBalance> balances(TreasuryView view) {
    Grid<AccountBalance> grid = _get(view, Grid.class, spec -> spec.withId("treasury-balances"));
    return GridKt._findAll(grid);
  }

  private static JournalEntry entry(
      long block,
      EntryKind kind,
      Long epoch,
      TreasuryAccount debited,
      TreasuryAccount credited,
      long nodr,
      Instant at) {
    return JournalEntry.transfer(
        block,
        "0x" + Long.toHexString(block).repeat(64).substring(0, 64),
        0,
        at,
        kind,
        epoch,
        "",
        debited,
        credited,
        nodr(nodr));
  }

  private static BigInteger nodr(long tokens) {
    return BigInteger.valueOf(tokens).multiply(NODR);
  }

  private static TreasuryView open() {
    UI.getCurrent().navigate(TreasuryView.class);
    return _get(TreasuryView.class);
  }
}
