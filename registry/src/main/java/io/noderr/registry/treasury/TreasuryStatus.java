package io.noderr.registry.treasury;

import java.util.List;

/**
 * The treasury at a glance, for the console's Treasury view.
 *
 * @param balances every account's ledger balance
 * @param lastReconciliation each ON_CHAIN account's latest comparison with the chain (empty before
 *     the first)
 */
public record TreasuryStatus(
    List<AccountBalance> balances, List<ReconciliationRow> lastReconciliation) {

  public TreasuryStatus {
    balances = List.copyOf(balances);
    lastReconciliation = List.copyOf(lastReconciliation);
  }

  /** Whether the latest comparison found any account whose ledger disagrees with the chain. */
  public boolean drifting() {
    return lastReconciliation.stream().anyMatch(ReconciliationRow::drifting);
  }
}
