package io.noderr.worker.beacon;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
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
