package io.noderr.registry.treasury;

import org.springframework.stereotype.Service;

/** The treasury's read side for the console: balances and the latest reconciliation. */
@Service
public class TreasuryOverview {

  private final TreasuryLedger ledger;
  private final TreasuryReconciliations reconciliations;

  TreasuryOverview(TreasuryLedger ledger, TreasuryReconciliations reconciliations) {
    this.ledger = ledger;
    this.reconciliations = reconciliations;
  }

  public TreasuryStatus status() {
    return new TreasuryStatus(ledger.balances(), reconciliations.latest());
  }
}
