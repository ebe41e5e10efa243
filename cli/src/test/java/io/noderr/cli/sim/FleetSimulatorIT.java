package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.HealthProbeRequest;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.activities.node.NodeStatusActivities;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.node.ReleaseVerified;
import io.noderr.activities.node.StatusRequest;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.agent.AgentHost;
import io.noderr.agent.platform.PlatformClient;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated fleet on the Temporal test server: every node answers on its own queue with the real
 * activity code, heartbeats reach the platform in batches, silent nodes stay silent. The platform
 * side is a minimal HTTP stand-in here (the app module's PlatformIT runs the real one).
 */
class FleetSimulatorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "t0ken";

  private TestWorkflowEnvironment env;
  private HttpServer platform;
  private final Set<String> enrolled = ConcurrentHashMap.newKeySet();
  private final Set<String> heartbeated = ConcurrentHashMap.newKeySet();
  private final AtomicInteger heartbeatRequests = new AtomicInteger();
  private final AtomicInteger beaconReads = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(TaskQueues.PLATFORM)
        .registerWorkflowImplementationTypes(
            AskNodeImpl.class, VerifyOnNodeImpl.class, UpdateNodeImpl.class);
    env.start();
    platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    platform.createContext("/api/v1/agent/enrollments", e -> answer(e, this::enroll));
    platform.createContext("/api/v1/agent/heartbeats", e -> answer(e, this::heartbeat));
    platform.createContext("/api/v1/beacon/ORACLE", e -> answer(e, this::oracleBeacon));
    platform.start();
  }

  @AfterEach
  void tearDown() {
    platform.stop(0);
    env.close();
  }

  @Test
  void fleet_enrolls_answersOnOwnQueues_andHeartbeatsInBatches() {
    FailurePlan plan = new FailurePlan(20, 0, 0, 20, 0, 0);
    SimulatedFleetSpec spec = new SimulatedFleetSpec("t", 600, "2.0.0", plan);
    try (FleetSimulator fleet = fleet(spec, TOKEN)) {
      fleet.start(Duration.ofMillis(300));

      assertThat(enrolled).hasSize(600);
      long silent = fleet.failureCounts().getOrDefault(Failure.SILENT, 0L);
      assertThat(silent).isBetween(60L, 180L);
      await().atMost(Duration.ofSeconds(20)).until(() -> heartbeated.size() == 600 - silent);
      // 600 nodes, 500 per request: two requests per round, not 600.
      assertThat(heartbeatRequests.get()).isLessThan(heartbeated.size() / 10);

      String healthy = firstWith(plan, spec, Failure.NONE);
      String unhealthy = firstWith(plan, spec, Failure.UNHEALTHY);
      assertThat(ask(healthy)).isEqualTo("2.0.0/HEALTHY");
      assertThat(ask(unhealthy)).isEqualTo("2.0.0/UNHEALTHY");
      assertThat(heartbeated).doesNotContain(firstWith(plan, spec, Failure.SILENT));
    }
  }

  @Test
  void crashingNode_failsTheActivity_andComesBackAfterRestart() {
    FailurePlan plan = new FailurePlan(0, 0, 100, 0, 0, 500);
    SimulatedFleetSpec spec = new SimulatedFleetSpec("c", 1, "2.0.0", plan);
    try (FleetSimulator fleet = fleet(spec, TOKEN)) {
      fleet.start(Duration.ofMillis(100));

      assertThatThrownBy(() -> ask("c-00001"))
          .isInstanceOf(WorkflowFailedException.class)
          .rootCause()
          .hasMessageContaining("simulated agent crash");
      heartbeated.clear();
      await().atMost(Duration.ofSeconds(10)).until(() -> heartbeated.contains("c-00001"));
    }
  }

  @Test
  void simulatedNodes_checkReleasesAgainstThePlatformsBeacon_ofTheirOwnTier_sharingOneRead() {
    SimulatedFleetSpec spec = new SimulatedFleetSpec("v", 20, "2.0.0", FailurePlan.NONE, true);
    try (FleetSimulator fleet = fleet(spec, TOKEN)) {
      fleet.start(Duration.ofSeconds(10));
      String published = FleetSimulator.digestOf("2.1.0");
      String oracleNode = null;

      for (int i = 0; i < spec.size(); i++) {
        String tier = spec.tier(i);
        String nodeId = spec.nodeId(i);
        if (tier.equals("ORACLE")) {
          assertThat(verify(nodeId, published)).isEqualTo("PLATFORM 2.1.0");
          oracleNode = nodeId;
        } else {
          // Each node is pinned to the tier it was admitted to: an ORACLE release is not for it.
          assertThatThrownBy(() -> verify(nodeId, published))
              .rootCause()
              .hasMessageContaining("pinned to tier " + tier);
        }
      }
      // Four ORACLE nodes asked within the cache window: fewer reads than checks.
      assertThat(beaconReads.get()).isLessThan(4);

      String asked = oracleNode;
      assertThatThrownBy(() -> verify(asked, FleetSimulator.digestOf("6.6.6")))
          .isInstanceOf(WorkflowFailedException.class)
          .rootCause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> assertThat(f.getType()).isEqualTo(ReleaseFailures.DIGEST_MISMATCH))
          .hasMessageContaining(published);
    }
  }

  @Test
  void restartedFleet_runsWhatItRanBefore_andIsNotGivenTheSameUpdateTwice(@TempDir Path dir) {
    Path stateFile = dir.resolve("v.json");
    SimulatedFleetSpec spec = new SimulatedFleetSpec("v", 10, "2.0.0", FailurePlan.NONE, true);
    String oracleNode = "v-00007"; // with mixed tiers the seventh node serves ORACLE
    try (FleetSimulator fleet = fleet(spec, TOKEN, FleetState.open(stateFile))) {
      fleet.start(Duration.ofSeconds(10));
      assertThat(update(oracleNode, "rollout-1/" + oracleNode)).isEqualTo("UPDATED 2.1.0");
    }

    // Restarted with a spec naming another version: the nodes run what the file says.
    SimulatedFleetSpec later = new SimulatedFleetSpec("v", 10, "3.0.0", FailurePlan.NONE, true);
    try (FleetSimulator fleet = fleet(later, TOKEN, FleetState.open(stateFile))) {
      fleet.start(Duration.ofSeconds(10));
      assertThat(ask(oracleNode)).isEqualTo("2.1.0/HEALTHY");
      assertThat(ask("v-00001")).isEqualTo("2.0.0/HEALTHY");
      // A resumed rollout delivers the same update again: answered, not applied again.
      assertThat(update(oracleNode, "rollout-1/" + oracleNode)).isEqualTo("UPDATED 2.1.0");
      assertThat(fleet.state().appliedUpdates())
          .isEqualTo(Map.of(oracleNode, Map.of("rollout-1/" + oracleNode, 1)));
    }
    assertThat(FleetState.open(stateFile).versions())
        .hasSize(10)
        .containsEntry(oracleNode, "2.1.0");
  }

  @Test
  void start_failsWithReadableMessage_whenPlatformRefusesToken() {
    SimulatedFleetSpec spec = new SimulatedFleetSpec("t", 3, "2.0.0", FailurePlan.NONE);
    try (FleetSimulator fleet = fleet(spec, "wrong")) {
      assertThatThrownBy(() -> fleet.start(Duration.ofSeconds(1))).hasMessage("bad token");
    }
  }

  private String ask(String nodeId) {
    AskNode workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                AskNode.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.PLATFORM).build());
    return workflow.ask(nodeId);
  }

  private String verify(String nodeId, String digest) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            VerifyOnNode.class,
            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.PLATFORM).build())
        .verify(nodeId, digest);
  }

  private static String firstWith(FailurePlan plan, SimulatedFleetSpec spec, Failure failure) {
    for (int i = 0; i < spec.size(); i++) {
      if (plan.failureOf(spec.nodeId(i)) == failure) {
        return spec.nodeId(i);
      }
    }
    throw new AssertionError("no node with " + failure);
  }

  private FleetSimulator fleet(SimulatedFleetSpec spec, String token) {
    return fleet(spec, token, FleetState.inMemory());
  }

  private FleetSimulator fleet(SimulatedFleetSpec spec, String token, FleetState state) {
    PlatformClient client = client(token);
    return new FleetSimulator(
        spec,
        () -> AgentHost.using(env.getWorkflowClient()),
        new TokenEnrollment(client),
        client,
        state);
  }

  private String update(String nodeId, String updateId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            UpdateNode.class,
            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.PLATFORM).build())
        .update(nodeId, updateId);
  }

  private PlatformClient client(String token) {
    return new PlatformClient(
        URI.create("http://127.0.0.1:" + platform.getAddress().getPort()), token);
  }

  private Object enroll(JsonNode body) {
    List<String> ids = body.path("nodes").findValuesAsText("nodeId");
    enrolled.addAll(ids);
    return Map.of("admitted", ids);
  }

  private Object heartbeat(JsonNode body) {
    heartbeatRequests.incrementAndGet();
    List<String> ids = body.path("reports").findValuesAsText("nodeId");
    heartbeated.addAll(ids);
    return Map.of("accepted", ids.size(), "recovered", List.of(), "unknown", List.of());
  }

  private Object oracleBeacon(JsonNode body) {
    beaconReads.incrementAndGet();
    return Map.of(
        "tier", "ORACLE", "version", "2.1.0", "imageDigest", FleetSimulator.digestOf("2.1.0"));
  }

  private static void answer(
      HttpExchange exchange, java.util.function.Function<JsonNode, Object> handler)
      throws IOException {
    byte[] response;
    int status;
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      status = 401;
      response = "{\"detail\":\"bad token\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      status = 200;
      byte[] body = exchange.getRequestBody().readAllBytes();
      response =
          JSON.writeValueAsBytes(handler.apply(body.length == 0 ? null : JSON.readTree(body)));
    }
    exchange.sendResponseHeaders(status, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  /** Asks one node, on its own queue, for its version and health. */
  @WorkflowInterface
  public interface AskNode {
    @WorkflowMethod
    String ask(String nodeId);
  }

  public static class AskNodeImpl implements AskNode {
    @Override
    public String ask(String nodeId) {
      NodeStatusActivities node =
          Workflow.newActivityStub(
              NodeStatusActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.node(nodeId))
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      String version = node.reportStatus(new StatusRequest("test")).version();
      HealthState health = node.probeHealth(new HealthProbeRequest(1000)).health();
      return version + "/" + health;
    }
  }

  /** Updates one ORACLE node, on its own queue, to the 2.1.0 its beacon publishes. */
  @WorkflowInterface
  public interface UpdateNode {
    @WorkflowMethod
    String update(String nodeId, String updateId);
  }

  public static class UpdateNodeImpl implements UpdateNode {
    @Override
    public String update(String nodeId, String updateId) {
      NodeUpdateActivities node =
          Workflow.newActivityStub(
              NodeUpdateActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.node(nodeId))
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      NodeUpdateResult result =
          node.update(
              new NodeUpdateRequest(
                  updateId,
                  "ORACLE",
                  "2.1.0",
                  "noderr/node:2.1.0",
                  FleetSimulator.digestOf("2.1.0"),
                  NodeUpdateRequest.Strategy.HAND_OVER,
                  0,
                  10_000,
                  false));
      return result.outcome() + " " + result.runningVersion();
    }
  }

  /** Asks one node, on its own queue, to check an ORACLE release against its beacon. */
  @WorkflowInterface
  public interface VerifyOnNode {
    @WorkflowMethod
    String verify(String nodeId, String imageDigest);
  }

  public static class VerifyOnNodeImpl implements VerifyOnNode {
    @Override
    public String verify(String nodeId, String imageDigest) {
      NodeReleaseActivities node =
          Workflow.newActivityStub(
              NodeReleaseActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.node(nodeId))
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      ReleaseVerified verified =
          node.verifyRelease(new ReleaseToVerify("ORACLE", "2.1.0", imageDigest));
      return verified.source() + " " + verified.version();
    }
  }
}
