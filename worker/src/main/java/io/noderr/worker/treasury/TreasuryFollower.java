package io.noderr.worker.treasury;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.ChainFollower;
import io.noderr.worker.governance.GovernanceProperties;
import java.io.IOException;

/**
 * Mirrors the token's transfers touching the treasury's holders into the ledger (docs/treasury.md):
 * every poll interval it reads the confirmed blocks after its cursor, in ranges of at most the
 * beacon's {@code max-block-range}, and records each range's entries with the cursor in one
 * transaction, each transfer once. It follows governance's chain settings (poll interval,
 * confirmations, start block: the governance deployment, before the holders' first transfer).
 */
public final class TreasuryFollower extends ChainFollower {

  private final ChainBeacon beacon;
  private final TreasuryLogs logs;
  private final TreasuryLedger ledger;
  private final GovernanceProperties governance;
  private final String token;

  TreasuryFollower(
      ChainBeacon beacon,
      TreasuryHolders holders,
      TreasuryLedger ledger,
      GovernanceProperties governance,
      int maxBlockRange) {
    super("treasury follower", governance.pollInterval(), maxBlockRange, beacon::describe);
    this.beacon = beacon;
    this.logs = new TreasuryLogs(beacon.web3j(), holders);
    this.ledger = ledger;
    this.governance = governance;
    this.token = holders.token();
  }

  @Override
  protected long confirmedHead() throws IOException {
    return answered(beacon.web3j().ethBlockNumber().send()).getBlockNumber().longValueExact()
        - governance.confirmations();
  }

  @Override
  protected long storedCursor() {
    return ledger.cursor(chainId(), token).orElse(governance.startBlock() - 1);
  }

  @Override
  protected void recordRange(long from, long to) throws IOException {
    ledger.recordRange(chainId(), token, logs.read(from, to), to);
  }

  private long chainId() {
    return beacon.id().chainId();
  }
}
