package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import io.noderr.agent.runtime.docker.Dockerd;
import io.noderr.agent.runtime.docker.NodeSoftwareImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node installed by install.sh takes real rollouts. Everything is real: the embedded platform
 * (PostgreSQL, Temporal, node gateway), the install token from an approved application, install.sh
 * registering the node in a throwaway root, the agent jar started exactly as the written unit says
 * ({@link InstalledUnit}: ExecStart and agent.env), a Docker Engine of the test's own ({@link
 * Dockerd}) and busybox node-software images. Releases are published on the platform's beacon for
 * the node's tier and rolled out over the REST API; the node's container must then run the new
 * image. Only systemd is absent: the unit's command runs as the test's user, without hardening.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledNodeRolloutIT {

  private static final String TIER = "ALL";

  @TempDir static Path dataDir;
  @TempDir static Path root;
  private Dockerd dockerd;
  private NodeSoftwareImage v1;
  private NodeSoftwareImage v2;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private Process agent;
  private Path agentLog;

  @BeforeAll
  void start() throws Exception {
    dockerd = Dockerd.start();
    v1 = NodeSoftwareImage.serving(dockerd.client(), "1.0.0");
    v2 = NodeSoftwareImage.serving(dockerd.client(), "2.0.0");
    platform = EmbeddedPlatforms.start(dataDir, 0);
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (agent != null) {
        agent.destroy();
        if (!agent.waitFor(20, TimeUnit.SECONDS)) {
          agent.destroyForcibly().waitFor();
        }
      }
      if (dockerd != null) {
        dockerd.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  @Test
  void installShNode_runsAsItsUnitSays_andARolloutSwapsItsContainerToTheNewImage()
      throws Exception {
    long began = System.nanoTime();
    int healthPort = freePortPair();
    String healthUrl = "http://127.0.0.1:" + healthPort + "/health";
    String token = api.approve(api.apply(TIER, "eu-west"));

    InstallScripts.Run install =
        InstallScripts.bash(
            InstallScripts.INSTALL_DIR.resolve("install.sh"),
            List.of(
                "--platform",
                EmbeddedPlatforms.baseUrl(platform).toString(),
                "--tpm",
                "none",
                "--agent-jar",
                ExecJars.agent().toString(),
                "--docker-host",
                dockerd.host().toString(),
                "--health-url",
                healthUrl),
            InstallScripts.throwawayInstall(root, token));
    assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
    assertThat(install.stdout()).contains("==> Checking Docker... ok (" + dockerd.host().getPath());

    InstalledUnit unit = InstalledUnit.read(root);
    assertThat(unit.environment())
        .containsEntry("NODERR_TIER", TIER)
        .containsEntry("NODERR_DOCKER_HOST", dockerd.host().toString())
        .containsEntry("NODERR_HEALTH_URL", healthUrl);
    assertThat(String.join(" ", unit.command()))
        .contains("--tier " + TIER + " --runtime docker --docker-host " + dockerd.host())
        .contains("--health-url " + healthUrl);
    String nodeId =
        PlatformApi.JSON
            .readTree(root.resolve("var/lib/noderr-agent/identity.json").toFile())
            .path("nodeId")
            .asText();
    long installed = System.nanoTime();

    agentLog = root.resolve("agent.log");
    agent =
        unit.processBuilder().redirectErrorStream(true).redirectOutput(agentLog.toFile()).start();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .failFast("the agent exited", this::requireAgentAlive)
        .until(() -> log().contains("polling its queue"));
    assertThat(log()).contains("tier " + TIER, "this agent installs releases on");
    long agentUp = System.nanoTime();

    JsonNode first = rollOut(v1);
    assertThat(runningImages()).containsExactly(v1.digest());
    JsonNode second = rollOut(v2);
    long rolledOut = System.nanoTime();

    assertThat(first.path("counts").path("updated").asInt()).isEqualTo(1);
    assertThat(second.path("counts").path("updated").asInt()).isEqualTo(1);
    assertThat(runningImages()).containsExactly(v2.digest());
    JsonNode node = api.get("/api/v1/nodes/" + nodeId, "sre").path("node");
    assertThat(node.path("status").asText()).isEqualTo("ACTIVE");
    System.out.printf(
        "installed node rollout: install.sh %d ms, agent up %d ms, two rollouts %d ms, total %d"
            + " ms%n",
        millis(began, installed),
        millis(installed, agentUp),
        millis(agentUp, rolledOut),
        millis(began, rolledOut));
  }

  /** Publishes {@code image} on the tier's beacon, deploys it to 100%, awaits COMPLETED. */
  private JsonNode rollOut(NodeSoftwareImage image) throws Exception {
    Publications.publish(api, TIER, image.version(), image.digest());
    HttpResponse<String> started =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version",
                image.version(),
                "tiers",
                List.of(TIER),
                "image",
                image.reference(),
                "imageDigest",
                image.digest(),
                "steps",
                List.of("100%"),
                "soakSeconds",
                0,
                "rollbackWindowHours",
                1));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = PlatformApi.json(started).path("id").asText();
    return await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .failFast("the agent exited", this::requireAgentAlive)
        .until(
            () -> api.get("/api/v1/deployments/" + id, "sre"),
            state -> {
              String status = state.path("status").asText();
              if (status.equals("ROLLED_BACK") || status.equals("FAILED")) {
                throw new AssertionError(id + " ended " + state + "\nagent:\n" + log());
              }
              return status.equals("COMPLETED");
            });
  }

  private void requireAgentAlive() {
    if (!agent.isAlive()) {
      throw new AssertionError("exit code " + agent.exitValue() + ", log:\n" + log());
    }
  }

  /** The image ids of the running containers on the node's engine. */
  private List<String> runningImages() {
    return dockerd.client().listContainersCmd().exec().stream().map(Container::getImageId).toList();
  }

  private String log() {
    try {
      return agentLog == null || !Files.exists(agentLog) ? "" : Files.readString(agentLog);
    } catch (IOException e) {
      return "(agent log unreadable: " + e.getMessage() + ")";
    }
  }

  /** A free port whose next port is free too: a hand-over moves the node software there. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket first = new ServerSocket(0)) {
        int port = first.getLocalPort();
        if (port < 65535) {
          try (ServerSocket next = new ServerSocket(port + 1)) {
            return port;
          } catch (IOException taken) {
            // try another
          }
        }
      }
    }
    throw new IllegalStateException("no two adjacent free ports found");
  }

  private static long millis(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }
}
