package io.noderr.registry.treasury;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One ON_CHAIN account's ledger balance next to its token balance on chain at the same block.
 *
 * @param drift ledger minus chain: non-zero means the ledger missed or invented a movement
 */
public record ReconciliationRow(
    Instant at,
    long block,
    String account,
    BigInteger ledgerBalance,
    BigInteger chainBalance,
    BigInteger drift) {

  public boolean drifting() {
    return drift.signum() != 0;
  }
}
