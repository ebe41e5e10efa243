package io.noderr.agent.runtime.docker;

import static io.noderr.activities.node.NodeUpdateRequest.Strategy.DOWNLOAD_THEN_SWAP;
import static io.noderr.activities.node.NodeUpdateRequest.Strategy.HAND_OVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.release.BeaconRelease;
import io.noderr.agent.release.BeaconSource;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.docker.DockerEngine.ContainerSpec;
import io.noderr.agent.state.JsonFile;
import io.noderr.signing.ImageDigest;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swaps of node software on a real Docker Engine that the test starts itself ({@link Dockerd}),
 * with images built here from a busybox root file system ({@link NodeSoftwareImage}). The agent's
 * update runs as it does on a node; only the beacon is a stand-in (see {@link PublishedRelease}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerHotSwapIT {

  private static final String NODE = "node-1";
  private static final BeaconTier TIER = BeaconTier.ORACLE;
  private static final long SOAK_MILLIS = 2_000;

  private final HttpClient http = HttpClient.newHttpClient();
  private final PublishedRelease beacon = new PublishedRelease();
  private final AtomicInteger updates = new AtomicInteger();

  private Dockerd dockerd;
  private DockerClient docker;
  private DockerEngine engine;
  private DockerSettings settings;
  private NodeSoftwareImage v1;
  private NodeSoftwareImage v2;
  private NodeSoftwareImage crashing;
  private NodeSoftwareImage unstartable;

  @TempDir Path stateDir;
  private DockerNodeUpdates agent;

  @BeforeAll
  void startEngine_andBuildReleases() throws Exception {
    dockerd = Dockerd.start();
    docker = dockerd.client();
    engine = DockerEngine.connect(dockerd.host());
    // Free ports of their own: test classes running beside this one cannot take them.
    HealthEndpoint health =
        new HealthEndpoint(URI.create("http://127.0.0.1:" + freePort() + "/health"), freePort());
    settings = DockerSettings.defaults(health).withStartupTimeout(Duration.ofSeconds(10));
    v1 = NodeSoftwareImage.serving(docker, "1.0.0");
    v2 = NodeSoftwareImage.serving(docker, "2.0.0");
    crashing = NodeSoftwareImage.crashing(docker, "2.1.0");
    unstartable = NodeSoftwareImage.unstartable(docker, "2.2.0");
  }

  @BeforeEach
  void freshNode() {
    agent =
        new DockerNodeUpdates(
            NODE, engine, stateDir, new BeaconDigestCheck(beacon, TIER), settings);
  }

  @AfterEach
  void removeContainers() {
    containers().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (dockerd != null) {
      dockerd.close();
    }
  }

  @Test
  void handOver_startsTheNewReleaseBesideTheOld_retiresTheOld_andKeepsItsImagePinned() {
    assertThat(update(v1, HAND_OVER, 0).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(serving(primaryPort())).contains("1.0.0");

    // Run as Temporal runs it, to see the heartbeats.
    List<String> heartbeats = new CopyOnWriteArrayList<>();
    NodeUpdateResult swapped;
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(agent);
      temporal.setActivityHeartbeatListener(String.class, heartbeats::add);
      NodeUpdateActivities activity =
          temporal.newActivityStub(
              NodeUpdateActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofSeconds(10))
                  .build());
      swapped = activity.update(published("u-v2", v2, HAND_OVER, 0));
    } finally {
      temporal.close();
    }

    System.out.printf("hot swap 1.0.0 -> 2.0.0 (hand-over, no soak): %d ms%n", swapped.millis());
    assertThat(swapped.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(swapped.runningVersion()).isEqualTo("2.0.0");
    assertThat(heartbeats).anyMatch(stage -> stage.startsWith("waiting for http://"));
    assertThat(serving(handoverPort())).contains("2.0.0");
    assertThat(serving(primaryPort())).isEmpty();
    String v2Container = onlyContainer(v2);
    assertThat(
            docker
                .inspectImageCmd(DockerEngine.PIN_REPOSITORY + ":" + DockerEngine.PIN_TAG)
                .exec()
                .getId())
        .isEqualTo(v1.digest());
    assertThat(new ReleaseStore(stateDir).read().previous().digest()).isEqualTo(v1.digest());

    // Temporal retrying after a lost answer: the same outcome, the same container.
    NodeUpdateResult retried = agent.update(published("u-v2", v2, HAND_OVER, 0));
    assertThat(retried.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(onlyContainer(v2)).isEqualTo(v2Container);

    NodeUpdateResult again = update(v2, HAND_OVER, 0);
    assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_AT_TARGET);
    assertThat(onlyContainer(v2)).isEqualTo(v2Container);
  }

  @Test
  void handOver_toACrashingRelease_isRevertedDuringTheSoak_whileTheOldOneKeepsServing() {
    update(v1, HAND_OVER, 0);
    update(v2, HAND_OVER, 0);
    String v2Container = onlyContainer(v2);

    NodeUpdateResult result = agent.update(published("u-crash", crashing, HAND_OVER, SOAK_MILLIS));

    assertThat(result.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(result.failure()).isEqualTo(FailureType.UNHEALTHY);
    assertThat(result.detail()).contains("2.1.0");
    assertThat(result.runningVersion()).isEqualTo("2.0.0");
    assertThat(onlyContainer(v2)).isEqualTo(v2Container);
    assertThat(serving(handoverPort())).contains("2.0.0");

    // A retry does not try the failing release a second time.
    NodeUpdateResult retried = agent.update(published("u-crash", crashing, HAND_OVER, SOAK_MILLIS));
    assertThat(retried.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(retried.millis()).isLessThan(SOAK_MILLIS);
    assertThat(onlyContainer(v2)).isEqualTo(v2Container);
  }

  @Test
  void downloadThenSwap_stopsTheOldOneFirst_keepsItsPort_andRestartsItWhenTheNewOneFails() {
    update(v1, DOWNLOAD_THEN_SWAP, 0);

    NodeUpdateResult result = update(v2, DOWNLOAD_THEN_SWAP, 0);

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(serving(primaryPort())).contains("2.0.0");
    String v2Container = onlyContainer(v2);

    NodeUpdateResult crashed = update(crashing, DOWNLOAD_THEN_SWAP, SOAK_MILLIS);

    assertThat(crashed.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(crashed.failure()).isEqualTo(FailureType.UNHEALTHY);
    assertThat(onlyContainer(v2)).isEqualTo(v2Container);
    await().atMost(Duration.ofSeconds(5)).until(() -> serving(primaryPort()).isPresent());
    assertThat(serving(primaryPort())).contains("2.0.0");
  }

  @Test
  void anImageTheNodeCannotVerify_isRefused_withoutTouchingTheNode() throws IOException {
    update(v1, HAND_OVER, 0);
    String v1Container = onlyContainer(v1);
    byte[] state = Files.readAllBytes(stateDir.resolve(ReleaseStore.NAME));

    // The beacon names another image than the one the node is asked to install.
    beacon.publish(v2.version(), v1.digest());
    NodeUpdateResult notPublished = agent.update(request("u-a", v2, HAND_OVER, 0, false));
    assertThat(notPublished.failure()).isEqualTo(FailureType.DIGEST_MISMATCH);
    assertThat(notPublished.detail()).contains("refusing to install");

    // The beacon agrees with the request, but the image tagged on the node is another one.
    NodeSoftwareImage retagged = new NodeSoftwareImage(v2.reference(), "2.0.0", v1.digest());
    NodeUpdateResult wrongImage = update(retagged, HAND_OVER, 0);
    assertThat(wrongImage.failure()).isEqualTo(FailureType.DIGEST_MISMATCH);
    assertThat(wrongImage.detail()).contains(v2.digest()).contains("pull failed");

    NodeUpdateResult absent = update(NodeSoftwareImage.missing("9.9.9"), HAND_OVER, 0);
    assertThat(absent.failure()).isEqualTo(FailureType.IMAGE_UNAVAILABLE);

    for (NodeUpdateResult refused : List.of(notPublished, wrongImage, absent)) {
      assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(refused.runningVersion()).isEqualTo("1.0.0");
    }
    assertThat(onlyContainer(v1)).isEqualTo(v1Container);
    assertThat(Files.readAllBytes(stateDir.resolve(ReleaseStore.NAME))).isEqualTo(state);
  }

  @Test
  void aGuardianNode_refusesARelease_publishedForAll_withoutTouchingTheNode() throws IOException {
    update(v1, HAND_OVER, 0);
    String v1Container = onlyContainer(v1);
    byte[] state = Files.readAllBytes(stateDir.resolve(ReleaseStore.NAME));
    DockerNodeUpdates guardian =
        new DockerNodeUpdates(
            NODE, engine, stateDir, new BeaconDigestCheck(beacon, BeaconTier.GUARDIAN), settings);

    // Signed and published, but for ALL: a platform must not be able to push it onto a GUARDIAN.
    beacon.publish(BeaconTier.ALL, v2.version(), v2.digest());
    NodeUpdateRequest forAll =
        new NodeUpdateRequest(
            "u-all",
            BeaconTier.ALL.name(),
            v2.version(),
            v2.reference(),
            v2.digest(),
            HAND_OVER,
            0,
            60_000,
            false);
    NodeUpdateResult refused = guardian.update(forAll);

    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.failure()).isEqualTo(FailureType.DIGEST_MISMATCH);
    assertThat(refused.detail()).contains("'ALL'").contains("pinned to tier GUARDIAN");
    assertThat(onlyContainer(v1)).isEqualTo(v1Container);
    assertThat(Files.readAllBytes(stateDir.resolve(ReleaseStore.NAME))).isEqualTo(state);
  }

  @Test
  void theNodeContainer_runsConfined_byTheAgentsDefaults_orItsReleaseImagesLabels()
      throws IOException {
    update(v1, HAND_OVER, 0);
    InspectContainerResponse byDefault = docker.inspectContainerCmd(onlyContainer(v1)).exec();
    assertThat(byDefault.getConfig().getUser()).isEqualTo("65534:65534");
    assertConfined(byDefault.getHostConfig(), 512L << 20, 1_000_000_000L, true);
    assertThat(byDefault.getHostConfig().getTmpFs()).containsKey("/tmp");
    assertThat(serving(primaryPort())).contains("1.0.0");

    NodeSoftwareImage tuned =
        NodeSoftwareImage.serving(
            docker,
            "3.0.0",
            Map.of(
                "io.noderr.user", "1000:1000",
                "io.noderr.memory", "256m",
                "io.noderr.cpus", "0.5",
                "io.noderr.read-only", "false"));
    assertThat(update(tuned, HAND_OVER, 0).outcome()).isEqualTo(Outcome.UPDATED);
    InspectContainerResponse labelled = docker.inspectContainerCmd(onlyContainer(tuned)).exec();
    assertThat(labelled.getConfig().getUser()).isEqualTo("1000:1000");
    assertConfined(labelled.getHostConfig(), 256L << 20, 500_000_000L, false);
    assertThat(serving(primaryPort()).or(() -> serving(handoverPort()))).contains("3.0.0");
  }

  @Test
  void aReleaseWithAMalformedHardeningLabel_isNotStarted_andTheOldOneKeepsServing()
      throws IOException {
    update(v1, HAND_OVER, 0);
    String v1Container = onlyContainer(v1);
    NodeSoftwareImage malformed =
        NodeSoftwareImage.serving(docker, "3.1.0", Map.of("io.noderr.memory", "plenty"));

    NodeUpdateResult refused = update(malformed, HAND_OVER, 0);

    assertThat(refused.failure()).isEqualTo(FailureType.START_FAILED);
    assertThat(refused.detail()).contains("io.noderr.memory='plenty'");
    assertThat(onlyContainer(v1)).isEqualTo(v1Container);
    assertThat(serving(primaryPort())).contains("1.0.0");
  }

  @Test
  void theRuntime_findsTheNodeSoftwaresMetrics_fromItsReleasesLabels_andUpdatesAreCounted()
      throws IOException {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    try {
      DockerContainerRuntime runtime =
          new DockerContainerRuntime(
              stateDir, engine, settings.health(), new RunningRelease("0.9.0", null));
      assertThat(update(v1, HAND_OVER, 0).outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(runtime.metricsEndpoint()).as("v1 declares no metrics").isEmpty();

      // busybox httpd serves any file of /www: the health file stands in for a metrics page.
      NodeSoftwareImage declaring =
          NodeSoftwareImage.serving(docker, "3.2.0", Map.of(MetricsLabels.PATH, "/health"));
      assertThat(update(declaring, HAND_OVER, 0).outcome()).isEqualTo(Outcome.UPDATED);

      URI endpoint = runtime.metricsEndpoint().orElseThrow();
      int port = releasesCurrentHealthPort();
      assertThat(endpoint).isEqualTo(URI.create("http://127.0.0.1:" + port + "/health"));
      assertThat(serving(port)).contains("3.2.0");
      assertThat(meters.get("noderr.agent.updates").tag("outcome", "updated").counter().count())
          .isEqualTo(2);
    } finally {
      Metrics.removeRegistry(meters);
    }
  }

  @Test
  void aReleaseWithAMalformedMetricsLabel_isNotStarted() throws IOException {
    update(v1, HAND_OVER, 0);
    NodeSoftwareImage malformed =
        NodeSoftwareImage.serving(docker, "3.3.0", Map.of(MetricsLabels.PORT, "prometheus"));

    NodeUpdateResult refused = update(malformed, HAND_OVER, 0);

    assertThat(refused.failure()).isEqualTo(FailureType.START_FAILED);
    assertThat(refused.detail()).contains("io.noderr.metrics-port='prometheus'");
    assertThat(serving(primaryPort())).contains("1.0.0");
  }

  private int releasesCurrentHealthPort() {
    return new ReleaseStore(stateDir).read().current().healthPort();
  }

  private static void assertConfined(
      HostConfig host, long memoryBytes, long nanoCpus, boolean readOnly) {
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getSecurityOpts()).contains("no-new-privileges:true");
    assertThat(host.getMemory()).isEqualTo(memoryBytes);
    assertThat(host.getMemorySwap()).isEqualTo(memoryBytes);
    assertThat(host.getNanoCPUs()).isEqualTo(nanoCpus);
    assertThat(host.getReadonlyRootfs()).isEqualTo(readOnly);
  }

  @Test
  void aReleaseTheEngineCannotStart_isReverted() {
    update(v1, DOWNLOAD_THEN_SWAP, 0);
    String v1Container = onlyContainer(v1);

    NodeUpdateResult result = update(unstartable, DOWNLOAD_THEN_SWAP, 0);

    assertThat(result.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(result.failure()).isEqualTo(FailureType.START_FAILED);
    assertThat(result.detail()).contains("nosuchuser");
    assertThat(onlyContainer(v1)).isEqualTo(v1Container);
    await().atMost(Duration.ofSeconds(5)).until(() -> serving(primaryPort()).isPresent());
  }

  @Test
  void theUpdateLock_refusesAnotherUpdate_untilAnOperatorForcesIt() {
    update(v1, HAND_OVER, 0);
    // What an agent that crashed mid-update leaves behind.
    Instant until = Instant.now().plus(Duration.ofMinutes(5));
    new JsonFile<>(stateDir.resolve(UpdateLease.NAME), UpdateLease.Holder.class)
        .write(new UpdateLease.Holder("rollout-7/node-1", until));

    NodeUpdateResult locked = update(v2, HAND_OVER, 0);

    assertThat(locked.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(locked.failure()).isEqualTo(FailureType.LOCKED);
    assertThat(locked.detail()).contains("rollout-7/node-1");
    onlyContainer(v1);

    beacon.publish(v2.version(), v2.digest());
    NodeUpdateResult forced = agent.update(request("u-forced", v2, HAND_OVER, 0, true));

    assertThat(forced.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(stateDir.resolve(UpdateLease.NAME)).doesNotExist();
  }

  @Test
  void revert_putsThePinnedReleaseBack_once() {
    update(v1, HAND_OVER, 0);
    NodeUpdateResult nothingPinned = agent.revert(new NodeRevertRequest("r-0", "1.0.0", 60_000));
    assertThat(nothingPinned.failure()).isEqualTo(FailureType.NOTHING_TO_REVERT);
    update(v2, HAND_OVER, 0);

    NodeUpdateResult reverted = agent.revert(new NodeRevertRequest("r-1", "2.0.0", 60_000));

    assertThat(reverted.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(reverted.runningVersion()).isEqualTo("1.0.0");
    String v1Container = onlyContainer(v1);
    assertThat(serving(primaryPort())).contains("1.0.0");
    assertThat(agent.revert(new NodeRevertRequest("r-1", "2.0.0", 60_000)).outcome())
        .isEqualTo(Outcome.ROLLED_BACK);
    assertThat(agent.revert(new NodeRevertRequest("r-2", "2.0.0", 60_000)).failure())
        .isEqualTo(FailureType.NOTHING_TO_REVERT);
    assertThat(onlyContainer(v1)).isEqualTo(v1Container);
  }

  @Test
  void anEmergencyRollback_toThePinnedRelease_needsNoBeacon_butAnythingElseDoes() {
    update(v1, HAND_OVER, 0);
    update(v2, HAND_OVER, 0);
    // The beacon still names 2.0.0: the bad release has not been replaced on chain yet.

    NodeUpdateResult back = agent.update(request("u-emergency", v1, HAND_OVER, 0, false));

    assertThat(back.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(back.runningVersion()).isEqualTo("1.0.0");
    assertThat(serving(primaryPort()).or(() -> serving(handoverPort()))).contains("1.0.0");
    onlyContainer(v1);
    assertThat(new ReleaseStore(stateDir).read().previous().digest())
        .as("what it replaced is pinned in turn")
        .isEqualTo(v2.digest());
    NodeSoftwareImage unpinned = new NodeSoftwareImage(v1.reference(), "0.9.0", v1.digest());
    assertThat(agent.update(request("u-older", unpinned, HAND_OVER, 0, false)).failure())
        .as("a release the node never ran still needs the beacon")
        .isEqualTo(FailureType.DIGEST_MISMATCH);
  }

  @Test
  void anUpdateInterruptedMidSwap_isUndone_andRunAgainByItsRetry() {
    update(v1, DOWNLOAD_THEN_SWAP, 0);
    String v1Container = onlyContainer(v1);
    // The agent died after stopping 1.0.0 and starting 2.0.0, before it could decide.
    ReleaseStore store = new ReleaseStore(stateDir);
    store.save(store.read().swapping("u-interrupted"));
    docker.stopContainerCmd(v1Container).exec();
    engine.run(
        new ContainerSpec(
            "left-behind",
            v2.digest(),
            Map.of(DockerEngine.VERSION_LABEL, "2.0.0", DockerEngine.UPDATE_LABEL, "u-interrupted"),
            List.of("NODERR_HEALTH_PORT=" + handoverPort()),
            settings.hardening()));

    NodeUpdateResult retried = agent.update(published("u-interrupted", v2, DOWNLOAD_THEN_SWAP, 0));

    assertThat(retried.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(containers()).hasSize(1);
    assertThat(onlyContainer(v2)).isNotEqualTo(v1Container);
    assertThat(serving(primaryPort())).contains("2.0.0");
  }

  /** Publishes {@code image} on the beacon and updates the node to it under a new update id. */
  private NodeUpdateResult update(NodeSoftwareImage image, Strategy strategy, long soakMillis) {
    return agent.update(published("u-" + updates.incrementAndGet(), image, strategy, soakMillis));
  }

  /** The request to install {@code image}, once the beacon names it (as the signers' would). */
  private NodeUpdateRequest published(
      String updateId, NodeSoftwareImage image, Strategy strategy, long soakMillis) {
    beacon.publish(image.version(), image.digest());
    return request(updateId, image, strategy, soakMillis, false);
  }

  private static NodeUpdateRequest request(
      String updateId,
      NodeSoftwareImage image,
      Strategy strategy,
      long soakMillis,
      boolean forceLock) {
    return new NodeUpdateRequest(
        updateId,
        TIER.name(),
        image.version(),
        image.reference(),
        image.digest(),
        strategy,
        soakMillis,
        60_000,
        forceLock);
  }

  /** The one container on the engine, which must run {@code image}; its id. */
  private String onlyContainer(NodeSoftwareImage image) {
    List<Container> all = containers();
    assertThat(all).hasSize(1);
    assertThat(all.getFirst().getImageId()).isEqualTo(image.digest());
    return all.getFirst().getId();
  }

  private List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true).exec();
  }

  /** The body of the health endpoint on {@code port}, if anything answers there. */
  private Optional<String> serving(int port) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body().strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int primaryPort() {
    return settings.health().primaryPort();
  }

  private int handoverPort() {
    return settings.health().handoverPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The beacon as the test sets it. A stand-in on purpose: the real check reads a chain, and
   * BeaconDigestCheckIT covers that against the contracts on ganache; here the digest check runs
   * unchanged ({@link BeaconDigestCheck}) against whatever this names.
   */
  private static final class PublishedRelease implements BeaconSource {

    private final Map<BeaconTier, BeaconRelease> current = new ConcurrentHashMap<>();

    void publish(String version, String digest) {
      publish(TIER, version, digest);
    }

    void publish(BeaconTier tier, String version, String digest) {
      current.put(tier, new BeaconRelease(version, ImageDigest.parse(digest)));
    }

    @Override
    public String name() {
      return "TEST";
    }

    @Override
    public Optional<BeaconRelease> current(BeaconTier tier) {
      return Optional.ofNullable(current.get(tier));
    }
  }
}
