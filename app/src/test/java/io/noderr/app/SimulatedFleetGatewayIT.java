package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.noderr.activities.TaskQueues;
import io.noderr.agent.gateway.GatewayConnection;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.FleetSessionsAnswer;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.cli.sim.FailurePlan;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.cli.sim.SimulatedFleetSpec;
import io.noderr.cli.sim.SoftwareOnboarding;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded demo fleet behind the node gateway, on the assembled platform: each simulated node
 * polls through the gateway with its own session (the history names the authenticated node), one
 * node's session cannot poll another's queue, and batch renewal keeps the fleet working across
 * several lifetimes of a short session TTL (10 s here); nodes onboarded with software keys ({@code
 * noderr sim --onboard}) do the same under sessions they renew by proof.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedFleetGatewayIT {

  private static final Duration SESSION_TTL = Duration.ofSeconds(10);
  private static final int NODES = 10;

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private long startedAt;

  @BeforeAll
  void start() {
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            NODES,
            "--noderr.onboarding.session-ttl=" + SESSION_TTL.toSeconds() + "s",
            "--noderr.sim.heartbeat-interval=2s");
    startedAt = System.nanoTime();
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(NODES);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(0)
  void aRollout_completesThroughTheGateway() throws Exception {
    rolloutCompletes("1.1.0");
  }

  @Test
  @Order(1)
  void aSimulatedNode_answersThroughTheGateway_underItsOwnSession() throws Exception {
    assertThat(healthCheckAnsweredBy("sim-00001"))
        .isNotEmpty()
        .allMatch(i -> i.startsWith("node sim-00001 via gateway"));
  }

  /** Runs a health check of the node; the identities that answered its activities. */
  private List<String> healthCheckAnsweredBy(String nodeId) throws Exception {
    HttpResponse<String> started =
        api.post("/api/v1/nodes/" + nodeId + "/health-checks", "admin", Map.of());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String workflowId = PlatformApi.json(started).path("workflowId").asText();

    WorkflowClient temporal = platform.getBean(WorkflowClient.class);
    temporal.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, Object.class);

    List<HistoryEvent> history = temporal.fetchHistory(workflowId).getEvents();
    Set<Long> onTheNodesQueue =
        history.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getTaskQueue()
                        .getName()
                        .equals(TaskQueues.node(nodeId)))
            .map(HistoryEvent::getEventId)
            .collect(Collectors.toSet());
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .map(HistoryEvent::getActivityTaskStartedEventAttributes)
        .filter(a -> onTheNodesQueue.contains(a.getScheduledEventId()))
        .map(a -> a.getIdentity())
        .toList();
  }

  @Test
  @Order(2)
  void aSimulatedNodesSession_cannotPollAnotherNodesQueue() throws Exception {
    // The platform's own fleet credential: the fleet token enrols tier ALL only.
    PlatformClient fleet =
        new PlatformClient(
            EmbeddedPlatforms.baseUrl(platform),
            platform.getBean(EmbeddedFleetCredential.class).secret());
    FleetSessionsAnswer answer =
        fleet.enroll(
            List.of(
                // Not tier ALL: these two never poll, and the rollouts here target ALL.
                new EnrollmentEntry("gw-a", "gw-op", "GUARDIAN", "eu-west", Map.of()),
                new EnrollmentEntry("gw-b", "gw-op", "GUARDIAN", "eu-west", Map.of())));
    assertThat(answer.gatewayCertificateSha256()).isNotBlank();
    String tokenOfB =
        answer.sessions().stream()
            .filter(s -> s.nodeId().equals("gw-b"))
            .findFirst()
            .orElseThrow()
            .sessionToken();
    WorkflowServiceStubs asB =
        WorkflowServiceStubs.newServiceStubs(
            GatewayConnection.options(
                    answer.temporalTarget(), answer.gatewayCertificateSha256(), () -> tokenOfB)
                .build());
    try {
      assertThatThrownBy(
              () ->
                  asB.blockingStub()
                      .pollActivityTaskQueue(
                          PollActivityTaskQueueRequest.newBuilder()
                              .setNamespace(answer.temporalNamespace())
                              .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.node("gw-a")))
                              .setIdentity("rogue")
                              .build()))
          .isInstanceOf(StatusRuntimeException.class)
          .satisfies(
              e ->
                  assertThat(Status.fromThrowable(e).getCode())
                      .isEqualTo(Status.Code.PERMISSION_DENIED));
    } finally {
      asB.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void renewal_keepsTheFleetWorking_pastSeveralSessionLifetimes() throws Exception {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
    Duration lifetimes = SESSION_TTL.multipliedBy(3);
    if (elapsed.compareTo(lifetimes) < 0) {
      Thread.sleep(lifetimes.minus(elapsed).toMillis());
    }
    JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
    assertThat(
            jdbc.queryForObject(
                "SELECT min(c) FROM (SELECT count(*) AS c FROM node_sessions"
                    + " WHERE node_id LIKE 'sim-%' GROUP BY node_id) s",
                Long.class))
        .as("sessions issued per simulated node (enrolment + renewals)")
        .isGreaterThanOrEqualTo(3);

    rolloutCompletes("1.2.0");
  }

  /**
   * {@code noderr sim --onboard}: nodes with a software key each, registered through the auth API,
   * poll through the gateway under their own sessions, renew them by proof (past several 10 s
   * lifetimes here), and heartbeat each for itself (the fleet token is refused for them).
   */
  @Test
  @Order(4)
  void onboardedSimulatedNodes_pollRenewAndHeartbeat_underTheirOwnSessions() throws Exception {
    URI base = EmbeddedPlatforms.baseUrl(platform);
    SoftwareOnboarding onboarding = new SoftwareOnboarding(base, "admin", "noderr-demo", 2);
    PlatformClient fleetToken =
        new PlatformClient(base, Files.readString(dataDir.resolve("agent-token")).strip());
    JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
    try (FleetSimulator fleet =
        new FleetSimulator(
            new SimulatedFleetSpec("onb", 2, "1.0.0", FailurePlan.NONE),
            () -> onboarding.connect(null, "default", null),
            onboarding,
            fleetToken)) {
      fleet.start(Duration.ofSeconds(1));
      List<String> onboarded =
          jdbc.queryForList(
              "SELECT node_id FROM node_identities WHERE key_kind = 'SOFTWARE' ORDER BY node_id",
              String.class);
      assertThat(onboarded).hasSize(2);

      Thread.sleep(SESSION_TTL.multipliedBy(2).toMillis());
      assertThat(
              jdbc.queryForObject(
                  "SELECT min(c) FROM (SELECT count(*) AS c FROM node_sessions"
                      + " WHERE node_id = ANY (?) GROUP BY node_id) s",
                  Long.class,
                  (Object) onboarded.toArray(String[]::new)))
          .as("sessions per onboarded node (registration + renewals by proof)")
          .isGreaterThanOrEqualTo(3);
      for (String nodeId : onboarded) {
        assertThat(healthCheckAnsweredBy(nodeId))
            .isNotEmpty()
            .allMatch(i -> i.startsWith("node " + nodeId + " via gateway"));
        assertThat(
                jdbc.queryForObject(
                    "SELECT last_heartbeat > now() - interval '5 seconds' AND status = 'ACTIVE'"
                        + " FROM nodes WHERE id = ?",
                    Boolean.class,
                    nodeId))
            .as("%s heartbeats with its own session", nodeId)
            .isTrue();
      }
    }
  }

  private void rolloutCompletes(String version) throws Exception {
    String digest = FleetSimulator.digestOf(version);
    Publications.ensurePublished(api, "ALL", version, digest);
    HttpResponse<String> deployed =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version",
                version,
                "tiers",
                List.of("ALL"),
                "imageDigest",
                digest,
                "steps",
                List.of("100%"),
                "soakSeconds",
                0,
                "rollbackWindowHours",
                1));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
    String id = PlatformApi.json(deployed).path("id").asText();

    JsonNode completed =
        await()
            .atMost(120, TimeUnit.SECONDS)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> api.get("/api/v1/deployments/" + id, "sre"),
                state -> state.path("status").asText().equals("COMPLETED"));
    assertThat(completed.path("total").asInt()).isPositive();
    assertThat(completed.path("counts").path("updated").asInt())
        .isEqualTo(completed.path("total").asInt());
  }
}
