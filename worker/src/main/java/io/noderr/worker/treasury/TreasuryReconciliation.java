package io.noderr.worker.treasury;

import static io.noderr.worker.beacon.RpcEndpoint.call;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.registry.treasury.AccountBalance;
import io.noderr.registry.treasury.ReconciliationRow;
import io.noderr.registry.treasury.TreasuryAccount;
import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.registry.treasury.TreasuryReconciliations;
import io.noderr.worker.beacon.ChainBeacon;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Checks the ledger against the chain: at the follower's last processed block, each tracked
 * holder's ledger balance must equal its token {@code balanceOf} at that block. Every comparison is
 * recorded; a drift (ledger minus chain) shows as the {@code noderr_treasury_drift} gauge per
 * account and raises the TreasuryDrift alert until a later comparison agrees again. Idempotent:
 * several workers may run it.
 */
final class TreasuryReconciliation {

  private static final Logger log = LoggerFactory.getLogger(TreasuryReconciliation.class);
  private static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  private final TreasuryLedger ledger;
  private final TreasuryReconciliations reconciliations;
  private final TreasuryHolders holders;
  private final ChainBeacon beacon;
  private final MeterRegistry meters;
  private final Map<String, BigInteger> drifts = new ConcurrentHashMap<>();

  TreasuryReconciliation(
      TreasuryLedger ledger,
      TreasuryReconciliations reconciliations,
      TreasuryHolders holders,
      ChainBeacon beacon,
      MeterRegistry meters) {
    this.ledger = ledger;
    this.reconciliations = reconciliations;
    this.holders = holders;
    this.beacon = beacon;
    this.meters = meters;
  }

  @Scheduled(
      initialDelayString = "${noderr.economics.reconcile-interval:1m}",
      fixedDelayString = "${noderr.economics.reconcile-interval:1m}")
  void run() {
    try {
      reconcile();
    } catch (IOException e) {
      // The chain is unreachable: the last comparison stands until the next run can read it.
      log.warn("treasury reconciliation skipped this run: {}", e.getMessage());
    }
  }

  /**
   * @return this run's comparisons; empty before the follower read its first range
   */
  List<ReconciliationRow> reconcile() throws IOException {
    OptionalLong cursor = ledger.cursor(beacon.id().chainId(), holders.token());
    if (cursor.isEmpty()) {
      return List.of();
    }
    long block = cursor.getAsLong();
    ledger.track(holders.accounts());
    Map<String, BigInteger> ledgerBalances =
        ledger.balancesAt(block).stream()
            .collect(Collectors.toMap(b -> b.account().code(), AccountBalance::balance));
    NoderrToken token = tokenAt(block);
    Instant now = Instant.now();
    List<ReconciliationRow> rows = new ArrayList<>();
    for (TreasuryAccount account : holders.accounts()) {
      BigInteger onLedger = ledgerBalances.getOrDefault(account.code(), BigInteger.ZERO);
      BigInteger onChain = call(token.balanceOf(account.address()));
      rows.add(
          new ReconciliationRow(
              now, block, account.code(), onLedger, onChain, onLedger.subtract(onChain)));
    }
    reconciliations.record(rows);
    rows.forEach(this::show);
    return rows;
  }

  private void show(ReconciliationRow row) {
    if (drifts.put(row.account(), row.drift()) == null) {
      // noderr_treasury_drift{account=...}
      Gauge.builder("noderr.treasury.drift", drifts, d -> d.get(row.account()).doubleValue())
          .description("Ledger minus chain balance of a treasury account, in token units")
          .tag("account", row.account())
          .register(meters);
    }
    if (row.drifting()) {
      log.warn(
          "treasury drift on {} at block {}: ledger {}, chain {}",
          row.account(),
          row.block(),
          row.ledgerBalance(),
          row.chainBalance());
    }
  }

  private NoderrToken tokenAt(long block) {
    NoderrToken token =
        NoderrToken.load(
            holders.token(),
            beacon.web3j(),
            new ReadonlyTransactionManager(beacon.web3j(), beacon.senderAddress()),
            NO_GAS);
    token.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    return token;
  }
}
