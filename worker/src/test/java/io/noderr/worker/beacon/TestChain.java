package io.noderr.worker.beacon;

import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.worker.governance.GovernanceProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.crypto.WalletUtils;

/**
 * A dev chain (ganache) for one test class, and the platform's sender account on it in a keystore,
 * as a real deployment configures it. Register it as a static field; each test deploys the
 * contracts it needs.
 */
public final class TestChain implements BeforeAllCallback, AfterAllCallback {

  /** The sender keystore's password. */
  public static final String PASSWORD = "sender-password";

  private DevChain chain;
  private Path keystore;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    chain = DevChain.start();
    Path dir = Files.createTempDirectory("sender-keystore");
    keystore =
        dir.resolve(
            WalletUtils.generateWalletFile(
                PASSWORD, DemoSigners.devChainSender(), dir.toFile(), false));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    chain.close();
    Files.deleteIfExists(keystore);
    Files.deleteIfExists(keystore.getParent());
  }

  public DevChain chain() {
    return chain;
  }

  public Path senderKeystore() {
    return keystore;
  }

  /**
   * Governance with the dev chain's proposal threshold and quorums (1,000 NODR; 10, 20, 33 %), the
   * given windows and tier delays (PARAMETER, TREASURY, CONTRACT; the timelock's minimum is the
   * PARAMETER one), guarded by {@code multisig}.
   */
  public DemoGovernance deployGovernance(
      Address multisig, Duration votingDelay, Duration votingPeriod, List<Duration> tierDelays)
      throws Exception {
    return DemoGovernance.deploy(
        chain,
        multisig,
        new GovernanceSettings(
            votingDelay,
            votingPeriod,
            GovernanceSettings.nodr(1_000),
            List.of(10, 20, 33),
            tierDelays,
            tierDelays.getFirst(),
            GovernanceSettings.defaultParameters(Duration.ofHours(1))));
  }

  /**
   * The worker's settings for {@code governance}, followed every 100 ms from a dozen blocks before
   * the head (its deployment's).
   */
  public GovernanceProperties governance(DemoGovernance governance) throws IOException {
    long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    return new GovernanceProperties(
        governance.governor(),
        governance.staking(),
        governance.parameters(),
        governance.timelock(),
        governance.token(),
        Duration.ofMillis(100),
        0,
        Math.max(0, head - 12));
  }

  /** The beacon on this chain's {@code multisig}, as the tests configure it. */
  public BeaconProperties beacon(Address multisig) {
    return beacon(chain.rpcUrl(), DevChain.CHAIN_ID, multisig, null, 1_000_000);
  }

  /**
   * The beacon's settings for tests: events polled every 100 ms, no confirmations, receipts awaited
   * 30 s; {@code beaconAddress} null to read it from the multisig.
   */
  public BeaconProperties beacon(
      String rpcUrl, long chainId, Address multisig, Address beaconAddress, long gasLimit) {
    return new BeaconProperties(
        rpcUrl,
        chainId,
        multisig,
        beaconAddress,
        keystore,
        PASSWORD,
        Duration.ofMillis(100),
        0,
        0,
        2000,
        gasLimit,
        Duration.ofSeconds(30),
        new BeaconProperties.Local(1337, List.of(), null, List.of(), Duration.ofHours(24)));
  }
}
