package io.noderr.worker.beacon;

import static org.awaitility.Awaitility.await;

import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.signing.MultisigDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * {@link EmergencyScenarios} against the contracts on a real local EVM (ganache): a fresh demo
 * multisig per test, transactions sent from a keystore account, the chain's clock moved with {@code
 * evm_increaseTime}, and the follower recording the beacon's pause events in a real PostgreSQL.
 */
class ChainBeaconEmergencyIT extends EmergencyScenarios {

  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  private static final String PASSWORD = TestChain.PASSWORD;

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static DevChain chain;
  private static Path keystore;

  private final BeaconEvents events = db.bean(BeaconEvents.class);
  private DemoDeployment deployment;
  private MultisigDomain domain;
  private ChainBeacon beacon;
  private BeaconEventFollower follower;

  @BeforeAll
  static void useTheChain() throws Exception {
    chain = TEST_CHAIN.chain();
    keystore = TEST_CHAIN.senderKeystore();
  }

  @BeforeEach
  void deployAndFollow() throws Exception {
    deployment = DemoDeployment.deploy(chain);
    domain = new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig());
    BeaconProperties properties = TEST_CHAIN.beacon(deployment.multisig());
    beacon = ChainBeacon.connect(properties, true);
    follower = new BeaconEventFollower(beacon, events, properties);
    follower.start();
  }

  @AfterEach
  void stop() {
    follower.stop();
    beacon.close();
  }

  @Override
  Beacon beacon() {
    return beacon;
  }

  @Override
  MultisigDomain domain() {
    return domain;
  }

  @Override
  long now() {
    try {
      return chain
          .web3j()
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  void advance(Duration duration) throws Exception {
    chain.advanceTime(duration);
  }

  @Override
  List<BeaconEventRow> pauseEvents(Tier tier, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> recorded(tier).size() >= count);
    return recorded(tier);
  }

  private List<BeaconEventRow> recorded(Tier tier) {
    return events.recent(100).stream()
        .filter(e -> e.beaconAddress().equals(deployment.beacon().value()) && e.tier() == tier)
        .sorted(
            Comparator.comparingLong(BeaconEventRow::blockNumber)
                .thenComparingInt(BeaconEventRow::logIndex))
        .toList();
  }
}
