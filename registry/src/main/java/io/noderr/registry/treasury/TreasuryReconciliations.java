package io.noderr.registry.treasury;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.uint;

import io.noderr.registry.governance.Numbers;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reconciliation job's comparisons of the ledger with the chain, one row per ON_CHAIN account
 * and run; the latest row per account is what the alert and the console judge.
 */
@Repository
public class TreasuryReconciliations {

  private final JdbcTemplate jdbc;

  TreasuryReconciliations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records one run's comparisons together. */
  @Transactional
  public void record(List<ReconciliationRow> rows) {
    for (ReconciliationRow row : rows) {
      jdbc.update(
          "INSERT INTO treasury_reconciliations (at, block_number, account, ledger_balance,"
              + " chain_balance, drift) VALUES (?, ?, ?, ?, ?, ?)",
          Numbers.timestamp(row.at()),
          row.block(),
          row.account(),
          column(row.ledgerBalance()),
          column(row.chainBalance()),
          column(row.drift()));
    }
  }

  /** Each account's latest comparison, by account code. */
  public List<ReconciliationRow> latest() {
    return jdbc.query(
        "SELECT DISTINCT ON (account) at, block_number, account, ledger_balance, chain_balance,"
            + " drift FROM treasury_reconciliations ORDER BY account, id DESC",
        (rs, i) ->
            new ReconciliationRow(
                Numbers.instant(rs, "at"),
                rs.getLong("block_number"),
                rs.getString("account"),
                uint(rs, "ledger_balance"),
                uint(rs, "chain_balance"),
                uint(rs, "drift")));
  }

  /** The accounts whose latest comparison found a drift: the TreasuryDrift alert's incidents. */
  public List<ReconciliationRow> drifting() {
    return latest().stream().filter(ReconciliationRow::drifting).toList();
  }
}
