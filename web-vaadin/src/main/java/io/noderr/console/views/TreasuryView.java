package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.console.security.Roles;
import io.noderr.console.treasury.TreasuryService;
import io.noderr.console.treasury.TreasuryService.Treasury;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.treasury.AccountBalance;
import io.noderr.registry.treasury.EntryRow;
import io.noderr.registry.treasury.EpochFlow;
import io.noderr.registry.treasury.ReconciliationRow;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The treasury: each account's balance in the ledger mirrored from the chain, the last
 * reconciliation with the chain's balances (a drift is shown in red and raises TreasuryDrift),
 * flows per reward epoch, the latest journal entries with their postings, and pending spends. Thin:
 * everything comes from {@link TreasuryService}.
 */
@Route(value = "treasury", layout = MainLayout.class)
@PageTitle("Treasury | Noderr")
@RolesAllowed({Roles.ADMIN, Roles.SRE, Roles.SIGNER})
public class TreasuryView extends VerticalLayout {

  public TreasuryView(TreasuryService service) {
    setId("treasury-view");
    Treasury treasury = service.treasury();
    add(new H3("Balances"), reconciliationLine(treasury), balances(treasury));
    add(new H3("Reconciliation with the chain"), reconciliation(treasury));
    add(new H3("Flows per epoch"), flows(treasury));
    add(new H3("Pending spends"), pendingSpends(treasury));
    add(new H3("Latest entries"), entries(treasury));
  }

  private static Span reconciliationLine(Treasury treasury) {
    Span line = new Span();
    line.setId("treasury-reconciliation");
    if (treasury.status().lastReconciliation().isEmpty()) {
      line.setText("Not reconciled with the chain yet.");
    } else if (treasury.status().drifting()) {
      line.setText("DRIFT: the ledger disagrees with the chain (alert TreasuryDrift).");
      line.getStyle().set("color", "var(--lumo-error-text-color)");
    } else {
      ReconciliationRow latest = treasury.status().lastReconciliation().getFirst();
      line.setText(
          "Balances match the chain at block " + latest.block() + " (" + latest.at() + ").");
    }
    return line;
  }

  private static Grid<AccountBalance> balances(Treasury treasury) {
    Grid<AccountBalance> grid = new Grid<>(AccountBalance.class, false);
    grid.setId("treasury-balances");
    grid.addColumn(b -> b.account().code()).setHeader("Account");
    grid.addColumn(b -> b.account().kind()).setHeader("Kind");
    grid.addColumn(b -> b.account().address() == null ? "" : b.account().address())
        .setHeader("Address");
    grid.addColumn(b -> nodr(b.balance())).setHeader("Balance (NODR)");
    grid.setItems(treasury.status().balances());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static Grid<ReconciliationRow> reconciliation(Treasury treasury) {
    Grid<ReconciliationRow> grid = new Grid<>(ReconciliationRow.class, false);
    grid.setId("treasury-reconciliations");
    grid.addColumn(ReconciliationRow::account).setHeader("Account");
    grid.addColumn(ReconciliationRow::block).setHeader("Block");
    grid.addColumn(r -> nodr(r.ledgerBalance())).setHeader("Ledger (NODR)");
    grid.addColumn(r -> nodr(r.chainBalance())).setHeader("Chain (NODR)");
    grid.addColumn(r -> r.drifting() ? "DRIFT " + nodr(r.drift()) : "0").setHeader("Drift");
    grid.setItems(treasury.status().lastReconciliation());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static Grid<EpochFlow> flows(Treasury treasury) {
    Grid<EpochFlow> grid = new Grid<>(EpochFlow.class, false);
    grid.setId("treasury-flows");
    grid.addColumn(f -> f.epoch() == null ? "-" : f.epoch().toString()).setHeader("Epoch");
    grid.addColumn(EpochFlow::kind).setHeader("Flow");
    grid.addColumn(f -> nodr(f.amount())).setHeader("Amount (NODR)");
    grid.addColumn(EpochFlow::entries).setHeader("Entries");
    grid.setItems(treasury.flows());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static Grid<ProposalRow> pendingSpends(Treasury treasury) {
    Grid<ProposalRow> grid = new Grid<>(ProposalRow.class, false);
    grid.setId("treasury-pending-spends");
    grid.addColumn(ProposalRow::proposalId).setHeader("Proposal");
    grid.addColumn(ProposalRow::state).setHeader("State");
    grid.addColumn(ProposalRow::description).setHeader("Description");
    grid.addColumn(p -> p.eta() == null ? "" : p.eta().toString()).setHeader("Executable from");
    grid.setItems(treasury.pendingSpends());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static Grid<EntryRow> entries(Treasury treasury) {
    Grid<EntryRow> grid = new Grid<>(EntryRow.class, false);
    grid.setId("treasury-entries");
    grid.addColumn(EntryRow::block).setHeader("Block");
    grid.addColumn(EntryRow::kind).setHeader("Kind");
    grid.addColumn(e -> e.epoch() == null ? "" : e.epoch().toString()).setHeader("Epoch");
    grid.addColumn(e -> postings(e.postings()))
        .setHeader("Postings (NODR, debit +)")
        .setFlexGrow(3);
    grid.addColumn(e -> e.transactionHash().substring(0, 10) + "…").setHeader("Transaction");
    grid.setItems(treasury.recentEntries());
    return grid;
  }

  private static String postings(Map<String, BigInteger> postings) {
    return postings.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(p -> p.getKey() + " " + (p.getValue().signum() > 0 ? "+" : "") + nodr(p.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String nodr(BigInteger units) {
    return TokenAmounts.nodr(units.toString());
  }
}
