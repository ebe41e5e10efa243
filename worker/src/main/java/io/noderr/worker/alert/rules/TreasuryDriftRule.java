package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.treasury.ReconciliationRow;
import io.noderr.registry.treasury.TreasuryReconciliations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The treasury ledger disagrees with the chain ({@code TreasuryDrift}): the latest reconciliation
 * of an ON_CHAIN account found its ledger balance different from its token balance at the same
 * block, so the ledger missed or misread a movement of the treasury's money. One incident per
 * account; it resolves when a later reconciliation agrees. Without economics there are no
 * reconciliations and it never fires.
 */
@Component
public class TreasuryDriftRule implements AlertRule {

  static final String RULE = "TreasuryDrift";

  private final TreasuryReconciliations reconciliations;
  private final Runbooks runbooks;

  TreasuryDriftRule(TreasuryReconciliations reconciliations, Runbooks runbooks) {
    this.reconciliations = reconciliations;
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    return reconciliations.drifting().stream().map(this::finding).toList();
  }

  private Finding finding(ReconciliationRow row) {
    return new Finding(
        RULE,
        RULE + "/account=" + row.account(),
        Severity.CRITICAL,
        "the treasury ledger's "
            + row.account()
            + " is off by "
            + row.drift()
            + " token units at block "
            + row.block()
            + " (ledger "
            + row.ledgerBalance()
            + ", chain "
            + row.chainBalance()
            + ")",
        Map.of("account", row.account()),
        List.of(),
        List.of(),
        runbooks.of(RULE));
  }
}
