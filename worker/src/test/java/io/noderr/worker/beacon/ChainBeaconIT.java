package io.noderr.worker.beacon;

import static io.noderr.worker.beacon.Releases.assertRefused;
import static io.noderr.worker.beacon.Releases.inAnHour;
import static io.noderr.worker.beacon.Releases.signed;
import static io.noderr.worker.beacon.Releases.signedInOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.release.BeaconQuery;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.worker.release.ReleaseActivitiesImpl;
import io.noderr.worker.release.ReleaseMeters;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * The beacon on a real local EVM (ganache) through the release activities: a fresh 2-of-3 demo
 * multisig per test, the publication sent by a keystore account, the follower recording the
 * beacon's events in a real PostgreSQL. The RPC URL carries a fake API key in its query, which must
 * never reach a log line or a failure message.
 */
class ChainBeaconIT {

  private static final String SECRET = "not-for-logs";
  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  private static final String PASSWORD = TestChain.PASSWORD;
  private static final BeaconTier ORACLE = BeaconTier.ORACLE;

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static DevChain chain;
  private static Path keystore;

  private final BeaconEvents events = db.bean(BeaconEvents.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final ECKeyPair signer1 = DemoSigners.key(1);
  private final ECKeyPair signer2 = DemoSigners.key(2);
  private final ECKeyPair signer3 = DemoSigners.key(3);

  private DemoDeployment deployment;
  private MultisigDomain domain;
  private BeaconProperties properties;
  private ChainBeacon beacon;
  private BeaconEventFollower follower;
  private TestActivityEnvironment temporal;
  private ReleaseActivities activities;

  @BeforeAll
  static void useTheChain() throws Exception {
    chain = TEST_CHAIN.chain();
    keystore = TEST_CHAIN.senderKeystore();
  }

  @BeforeEach
  void deployAndFollow() throws Exception {
    beaconLogger().addAppender(logs);
    logs.start();
    deployment = DemoDeployment.deploy(chain);
    domain = new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig());
    properties = properties(urlWithKey(chain), DevChain.CHAIN_ID, deployment.multisig(), null);
    beacon = connectDemo(properties);
    follower = new BeaconEventFollower(beacon, events, properties);
    follower.start();
    temporal = TestActivityEnvironment.newInstance();
    activities = Releases.stub(temporal, activities(beacon));
  }

  @AfterEach
  void stop() {
    follower.stop();
    beacon.close();
    temporal.close();
    beaconLogger().detachAppender(logs);
    assertThat(logs.list).noneMatch(line -> line.getFormattedMessage().contains(SECRET));
  }

  // --------------------------------------------------------------------------------- reading

  @Test
  void readBeacon_answersTheMultisigsSignersThresholdNonce_andAnEmptyTier() {
    BeaconState state = oracle();

    assertThat(state.backend()).isEqualTo(BeaconState.Backend.CHAIN);
    assertThat(state.chainId()).isEqualTo(DevChain.CHAIN_ID);
    assertThat(state.multisig()).isEqualTo(deployment.multisig().value());
    assertThat(state.signers())
        .containsExactlyElementsOf(deployment.signers().stream().map(Address::value).toList());
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.nonce()).isEqualTo("0");
    assertThat(state.current()).isNull();
    assertThat(state.paused()).isFalse();
    assertThat(beacon.id()).isEqualTo(new BeaconId(DevChain.CHAIN_ID, deployment.beacon().value()));
  }

  // ------------------------------------------------------------------------------ publishing

  @Test
  void publish_withTwoOfThreeSignatures_publishes_andTheFollowerRecordsTheEvent() {
    PublishReceipt receipt = activities.publish(request("1.4.0", 0, signer1, signer3));

    assertThat(receipt.releaseId()).isEqualTo("rel-1.4.0");
    assertThat(receipt.tier()).isEqualTo(ORACLE);
    assertThat(receipt.version()).isEqualTo("1.4.0");
    assertThat(receipt.imageDigest()).isEqualTo(Releases.DIGEST);
    assertThat(receipt.transactionHash()).matches("0x[0-9a-f]{64}");
    assertThat(receipt.blockNumber()).isPositive();
    BeaconState state = oracle();
    assertThat(state.nonce()).isEqualTo("1");
    assertThat(state.current().version()).isEqualTo("1.4.0");
    assertThat(state.current().imageDigest()).isEqualTo(Releases.DIGEST);
    assertThat(state.current().minimumVersion()).isEqualTo("1.0.0");
    assertThat(state.current().notesUri()).isEqualTo("ipfs://notes");

    PublishedEvent event = activities.awaitPublished(receipt);

    assertThat(event)
        .isEqualTo(
            new PublishedEvent(
                ORACLE,
                "1.4.0",
                Releases.DIGEST,
                receipt.transactionHash(),
                receipt.blockNumber(),
                state.current().publishedAt()));
    BeaconEventRow row =
        events.currentRelease(DevChain.CHAIN_ID, deployment.beacon().value(), Tier.ORACLE).get();
    assertThat(row.backend()).isEqualTo(BeaconEventRow.Backend.CHAIN);
    assertThat(row.minimumVersion()).isEqualTo("1.0.0");
    assertThat(row.notesUri()).isEqualTo("ipfs://notes");
  }

  @Test
  void publish_retriedAfterSuccess_answersTheSamePublication_withoutASecondTransaction()
      throws Exception {
    PublishRequest request = request("1.4.0", 0, signer1, signer2);
    PublishReceipt first = activities.publish(request);
    activities.awaitPublished(first);
    BigInteger sent = transactionsSent();

    PublishReceipt retried = activities.publish(request);

    assertThat(retried).isEqualTo(first);
    assertThat(transactionsSent()).isEqualTo(sent);
    assertThat(oracle().nonce()).isEqualTo("1");
  }

  @Test
  void publish_withOneSignature_isRefused_andSendsNothing() throws Exception {
    assertRefusedWithoutATransaction(request("1.4.0", 0, signer1), "NotEnoughSignatures(1, 2)");
  }

  @Test
  void publish_withUnsortedSignatures_isRefused_andSendsNothing() throws Exception {
    List<ECKeyPair> descending =
        DemoSigners.keys().stream()
            .sorted(Comparator.comparing(Signatures::addressOf).reversed())
            .limit(2)
            .toList();

    assertRefusedWithoutATransaction(
        signedInOrder(domain, ORACLE, "1.4.0", 0, inAnHour(), descending), "SignaturesNotSorted");
  }

  @Test
  void publish_withAnOutsidersSignature_isRefused_andSendsNothing() throws Exception {
    assertRefusedWithoutATransaction(
        request("1.4.0", 0, signer2, Releases.outsider()), "NotASigner");
  }

  @Test
  void publish_afterTheDeadline_isRefused_andSendsNothing() throws Exception {
    long yesterday = System.currentTimeMillis() / 1000 - 86_400;

    assertRefusedWithoutATransaction(
        signed(domain, ORACLE, "1.4.0", 0, yesterday, signer1, signer2),
        "Expired(" + yesterday + ")");
  }

  @Test
  void publish_withAMovedNonce_isRefused_andSendsNothing() throws Exception {
    activities.publish(request("1.4.0", 0, signer1, signer2));
    BigInteger sent = transactionsSent();

    assertRefused(
        () -> activities.publish(request("1.5.0", 0, signer1, signer2)), "NonceMoved(0, 1)");

    assertThat(transactionsSent()).isEqualTo(sent);
    assertThat(oracle().current().version()).isEqualTo("1.4.0");
    assertThat(oracle().nonce()).isEqualTo("1");
  }

  @Test
  void publish_toAPausedTier_isRefused_andSendsNothing() throws Exception {
    setPaused(true);
    assertThat(oracle().paused()).isTrue();
    BigInteger sent = transactionsSent();

    assertRefused(
        () -> activities.publish(request("1.4.0", 1, signer1, signer2)), "TierIsPaused(1)");

    assertThat(transactionsSent()).isEqualTo(sent);
    assertThat(oracle().current()).isNull();
    assertThat(oracle().nonce()).isEqualTo("1");
  }

  // ------------------------------------------------------------------------------- following

  @Test
  void pausingAndUnpausing_areFollowed() throws Exception {
    setPaused(true);
    setPaused(false);

    await().atMost(Duration.ofSeconds(10)).until(() -> beaconEvents().size() == 2);
    assertThat(beaconEvents())
        .extracting(BeaconEventRow::kind, BeaconEventRow::tier)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BeaconEventRow.Kind.TIER_UNPAUSED, Tier.ORACLE),
            org.assertj.core.groups.Tuple.tuple(BeaconEventRow.Kind.TIER_PAUSED, Tier.ORACLE));
    assertThat(oracle().paused()).isFalse();
    assertThat(follower.status().healthy()).isTrue();
  }

  @Test
  void aRestartedFollower_resumesFromItsCursor() {
    PublishReceipt first = activities.publish(request("1.4.0", 0, signer1, signer2));
    activities.awaitPublished(first);
    follower.stop();
    // Forgotten on purpose: only a follower that re-read the chain from the start would bring it
    // back.
    db.jdbc()
        .update("DELETE FROM beacon_events WHERE transaction_hash = ?", first.transactionHash());

    PublishReceipt second = activities.publish(request("1.5.0", 1, signer1, signer2));
    assertThat(recorded(second)).isEmpty();
    follower = new BeaconEventFollower(beacon, events, properties);
    follower.start();

    assertThat(activities.awaitPublished(second).version()).isEqualTo("1.5.0");
    assertThat(beaconEvents()).extracting(BeaconEventRow::version).containsExactly("1.5.0");
    assertThat(follower.status().lastBlock()).isGreaterThanOrEqualTo(second.blockNumber());
    assertThat(events.cursor(DevChain.CHAIN_ID, deployment.beacon().value()))
        .hasValue(follower.status().lastBlock());
  }

  @Test
  void theFollower_survivesAnUnreachableEndpoint_andResumesWhenItIsBack(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    int port = freePort();
    DevChain other = DevChain.start(port, dir);
    DemoDeployment otherDeployment = DemoDeployment.deploy(other);
    BeaconProperties otherProperties =
        properties(urlWithKey(other), DevChain.CHAIN_ID, otherDeployment.multisig(), null);
    MultisigDomain otherDomain = new MultisigDomain(DevChain.CHAIN_ID, otherDeployment.multisig());
    ChainBeacon otherBeacon = connectDemo(otherProperties);
    BeaconEventFollower otherFollower =
        new BeaconEventFollower(otherBeacon, events, otherProperties);
    TestActivityEnvironment otherTemporal = TestActivityEnvironment.newInstance();
    try {
      otherFollower.start();
      ReleaseActivities otherActivities = Releases.stub(otherTemporal, activities(otherBeacon));
      otherActivities.awaitPublished(
          otherActivities.publish(
              signed(otherDomain, ORACLE, "1.4.0", 0, inAnHour(), signer1, signer2)));

      other.close();
      await().atMost(Duration.ofSeconds(20)).until(() -> !otherFollower.status().healthy());
      assertThat(otherFollower.isRunning()).isTrue();
      assertThat(otherFollower.status().lastError()).isNotBlank().doesNotContain(SECRET);

      other = DevChain.start(port, dir);
      PublishReceipt afterOutage =
          otherActivities.publish(
              signed(otherDomain, ORACLE, "1.5.0", 1, inAnHour(), signer1, signer2));

      assertThat(otherActivities.awaitPublished(afterOutage).version()).isEqualTo("1.5.0");
      assertThat(otherFollower.status().healthy()).isTrue();
      assertThat(logs.list)
          .anyMatch(line -> line.getFormattedMessage().startsWith("beacon follower resumed"));
    } finally {
      otherFollower.stop();
      otherBeacon.close();
      otherTemporal.close();
      other.close();
    }
  }

  // --------------------------------------------------------------------------------- start-up

  /** The dev chain's multisig counts the demo signers, as the demo profile runs it. */
  private static ChainBeacon connectDemo(BeaconProperties properties) {
    return ChainBeacon.connect(properties, true);
  }

  @Test
  void start_fails_outsideTheDemoProfile_whenAMultisigSignersKeyIsPublic() {
    assertThatThrownBy(() -> ChainBeacon.connect(properties, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("multisig " + deployment.multisig() + " counts the publicly known")
        .hasMessageEndingWith(
            "outside the demo profile its signers must be your signers' own keys");
  }

  @Test
  void start_fails_withOneClearLine_whenTheEndpointServesAnotherChain() {
    assertThatThrownBy(
            () -> connectDemo(properties(urlWithKey(chain), 1, deployment.multisig(), null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "noderr.beacon.chain-id is 1 but the RPC endpoint "
                + chain.rpcUrl()
                + " serves chain 1337");
  }

  @Test
  void start_fails_whenTheBeaconIsNotTheMultisigs_orTheMultisigIsNotThere() {
    Address stranger = Address.of("0x00000000000000000000000000000000000000bb");

    assertThatThrownBy(
            () -> connectDemo(properties(urlWithKey(chain), 1337, deployment.multisig(), stranger)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "noderr.beacon.beacon-address "
                + stranger
                + " is not the beacon of multisig "
                + deployment.multisig()
                + " (its beacon is "
                + deployment.beacon()
                + ")");
    assertThatThrownBy(() -> connectDemo(properties(urlWithKey(chain), 1337, stranger, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "noderr.beacon.multisig-address " + stranger + " holds no contract on chain 1337");
  }

  @Test
  void anEndpointUnreachableAtStart_failsItsCallsRetryably_withoutItsSecrets() throws Exception {
    String dead = "http://127.0.0.1:" + freePort();
    try (ChainBeacon unreachable =
        connectDemo(properties(dead + "/?apikey=" + SECRET, 1337, deployment.multisig(), null))) {

      assertThatThrownBy(() -> unreachable.read(ORACLE))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo(ChainBeacon.RPC_FAILED);
                assertThat(failure.isNonRetryable()).isFalse();
                assertThat(failure.getOriginalMessage()).contains(dead).doesNotContain(SECRET);
              });
    }
    assertThat(logs.list)
        .anyMatch(line -> line.getFormattedMessage().contains("unreachable at start"));
  }

  @Test
  void withAnRpcUrl_theWorkerUsesTheChainBeacon_andFollowsIt_orFailsToStartWhenMisconfigured() {
    ApplicationContextRunner worker =
        new ApplicationContextRunner()
            .withUserConfiguration(BeaconConfiguration.class)
            .withBean(LocalBeaconStore.class, () -> db.bean(LocalBeaconStore.class))
            .withBean(BeaconEvents.class, () -> events)
            // The follower's lag and health gauges (the worker's registry in the platform).
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                "noderr.beacon.rpc-url=" + urlWithKey(chain),
                "noderr.beacon.multisig-address=" + deployment.multisig(),
                "noderr.beacon.beacon-address=",
                "noderr.beacon.sender-keystore=" + keystore,
                "noderr.beacon.sender-keystore-password=" + PASSWORD,
                "noderr.beacon.poll-interval=100ms");
    // The dev chain's multisig counts the public demo signers: only the demo profile may run it.
    ApplicationContextRunner demoWorker =
        worker.withInitializer(context -> context.getEnvironment().setActiveProfiles("demo"));

    demoWorker
        .withPropertyValues("noderr.beacon.chain-id=1337")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ChainBeacon.class);
              assertThat(context).doesNotHaveBean(LocalBeacon.class);
              BeaconEventFollower contextFollower = context.getBean(BeaconEventFollower.class);
              assertThat(contextFollower.isRunning()).isTrue();
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(() -> contextFollower.status().lastBlock() >= 0);
              assertThat(context.getBean(Beacon.class).read(ORACLE).backend())
                  .isEqualTo(BeaconState.Backend.CHAIN);
            });
    demoWorker
        .withPropertyValues("noderr.beacon.chain-id=5")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "noderr.beacon.chain-id is 5 but the RPC endpoint "
                            + chain.rpcUrl()
                            + " serves chain 1337"));
    worker
        .withPropertyValues("noderr.beacon.chain-id=1337")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("counts the publicly known demo signer"));
  }

  // --------------------------------------------------------------------------------- helpers

  private static BeaconProperties properties(
      String rpcUrl, long chainId, Address multisig, Address beaconAddress) {
    return TEST_CHAIN.beacon(rpcUrl, chainId, multisig, beaconAddress, 1_000_000);
  }

  private static String urlWithKey(DevChain devChain) {
    return devChain.rpcUrl() + "/?apikey=" + SECRET;
  }

  private ReleaseActivitiesImpl activities(ChainBeacon chainBeacon) {
    return new ReleaseActivitiesImpl(
        chainBeacon,
        events,
        db.bean(ReleaseRequests.class),
        db.bean(AuditLog.class),
        new ReleaseMeters(new SimpleMeterRegistry()));
  }

  private PublishRequest request(String version, long nonce, ECKeyPair... keys) {
    return signed(domain, ORACLE, version, nonce, inAnHour(), keys);
  }

  private BeaconState oracle() {
    return activities.readBeacon(new BeaconQuery(ORACLE));
  }

  private void assertRefusedWithoutATransaction(PublishRequest request, String error)
      throws Exception {
    BigInteger sent = transactionsSent();

    assertRefused(() -> activities.publish(request), error);

    assertThat(transactionsSent()).isEqualTo(sent);
    assertThat(oracle().nonce()).isEqualTo("0");
    assertThat(oracle().current()).isNull();
  }

  /** Transactions the sender (the dev chain's account 0) has had mined. */
  private static BigInteger transactionsSent() throws IOException {
    return chain
        .web3j()
        .ethGetTransactionCount(chain.sender().getAddress(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount();
  }

  /** Pauses or unpauses ORACLE through the multisig, signed by demo signers 1 and 2. */
  private void setPaused(boolean pause) throws Exception {
    NoderrMultisig multisig =
        NoderrMultisig.load(
            deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    BigInteger tier = BigInteger.valueOf(ORACLE.code());
    BigInteger deadline = BigInteger.valueOf(inAnHour());
    byte[] digest = multisig.pauseDigest(tier, pause, multisig.nonce().send(), deadline).send();
    List<byte[]> signatures =
        Stream.of(signer1, signer2)
            .sorted(Comparator.comparing(Signatures::addressOf))
            .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
            .toList();
    multisig.setPaused(tier, pause, deadline, signatures).send();
  }

  /** This test's beacon's recorded events, newest first. */
  private List<BeaconEventRow> beaconEvents() {
    return events.recent(100).stream()
        .filter(e -> e.beaconAddress().equals(deployment.beacon().value()))
        .toList();
  }

  private java.util.Optional<BeaconEventRow> recorded(PublishReceipt receipt) {
    return events.findPublication(
        DevChain.CHAIN_ID, deployment.beacon().value(), Tier.ORACLE, receipt.transactionHash());
  }

  private static Logger beaconLogger() {
    return (Logger) LoggerFactory.getLogger("io.noderr.worker.beacon");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
