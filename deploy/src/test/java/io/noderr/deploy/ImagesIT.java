package io.noderr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.noderr.agent.runtime.docker.Dockerd;
import io.noderr.app.PlatformApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's images, built the way {@code ./noderr images} builds them
 * (deploy/images/assemble.sh, then a Docker build with no network) on a dockerd of the test's own,
 * and started: the platform image serves its health endpoint, and the agent image registers a node
 * with an install token.
 */
class ImagesIT {

  private static final String PLATFORM = "noderr/platform:" + Tools.VERSION;
  private static final String AGENT = "noderr/agent:" + Tools.VERSION;

  @TempDir static Path contexts;
  private static Dockerd engine;
  private static DockerClient docker;

  @BeforeAll
  static void buildImages() throws Exception {
    engine = Dockerd.start();
    docker = engine.client();
    build(
        "platform",
        "app/target/noderr-app-" + Tools.VERSION + ".jar",
        "app/target/classes/META-INF/sbom/application.cdx.json",
        PLATFORM);
    build(
        "agent",
        "node-agent/target/noderr-node-agent-" + Tools.VERSION + "-exec.jar",
        "node-agent/target/classes/META-INF/sbom/application.cdx.json",
        AGENT);
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void bothImages_areFromScratch_runAsNoderr_andCarryTheirSbomAndLabels() throws Exception {
    for (String image : List.of(PLATFORM, AGENT)) {
      InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
      // Two layers, both ours (runtime and files; the writable directories): no base image.
      assertThat(inspected.getRootFS().getLayers()).as(image).hasSize(2);
      assertThat(inspected.getConfig().getUser()).isEqualTo("10001:10001");
      assertThat(inspected.getConfig().getLabels())
          .containsEntry("org.opencontainers.image.version", Tools.VERSION)
          .containsEntry("io.noderr.sbom", "/opt/noderr/sbom.cdx.json")
          .containsKey("org.opencontainers.image.revision");

      JsonNode sbom = sbom(image);
      assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
      assertThat(sbom.path("components").size()).as(image).isGreaterThan(50);
    }
  }

  @Test
  void platformImage_servesItsHealth_andTheAgentImage_registersWithAnInstallToken()
      throws Exception {
    int port = freePort();
    String platform =
        start(
            PLATFORM,
            List.of("NODERR_BIND_ADDRESS=127.0.0.1", "NODERR_GATEWAY_BIND_ADDRESS=127.0.0.1"),
            "--port",
            String.valueOf(port),
            "--temporal-port",
            String.valueOf(freePort()),
            "--gateway-port",
            String.valueOf(freePort()),
            "--sim-nodes",
            "0");
    URI base = URI.create("http://127.0.0.1:" + port);
    awaitHealthy(base, platform);

    PlatformApi api = new PlatformApi(base);
    String application = api.apply("ALL", "eu-west");
    String token = api.approve(application);
    String agent =
        start(
            AGENT,
            List.of("NODERR_INSTALL_TOKEN=" + token),
            "--platform",
            base.toString(),
            "--tpm",
            "none",
            "--register-only");

    int exitCode =
        docker
            .waitContainerCmd(agent)
            .exec(new WaitContainerResultCallback())
            .awaitStatusCode(3, TimeUnit.MINUTES);
    assertThat(exitCode).as(logs(agent)).isZero();
    assertThat(api.get("/api/v1/applications/" + application, "admin").path("audit").toString())
        .contains("application.registered");
  }

  private static void build(String image, String jar, String sbom, String tag) throws Exception {
    Path context = contexts.resolve(image);
    List<String> assemble =
        List.of(
            "bash",
            "deploy/images/assemble.sh",
            image,
            Tools.ROOT.resolve(jar).toString(),
            Tools.ROOT.resolve(sbom).toString(),
            context.toString());
    runWithJavaHome(assemble).requireSuccess();
    docker
        .buildImageCmd(context.toFile())
        .withNetworkMode("none")
        .withTags(Set.of(tag))
        .withBuildArg("VERSION", Tools.VERSION)
        .withBuildArg("REVISION", "test")
        .exec(new BuildImageResultCallback())
        .awaitImageId(5, TimeUnit.MINUTES);
  }

  /** assemble.sh jlinks from JAVA_HOME: the JDK running this test. */
  private static Tools.Result runWithJavaHome(List<String> command) throws Exception {
    List<String> withEnv =
        new ArrayList<>(List.of("env", "JAVA_HOME=" + System.getProperty("java.home")));
    withEnv.addAll(command);
    return Tools.run(Tools.ROOT, withEnv);
  }

  /** Starts {@code image} on the host's network (the test's engine has no bridge). */
  private static String start(String image, List<String> environment, String... args) {
    String id =
        docker
            .createContainerCmd(image)
            .withEnv(environment)
            .withCmd(args)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  private static void awaitHealthy(URI base, String container) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(base.resolve("/actuator/health")).build();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .failFast(
            "the platform container stopped",
            () -> !docker.inspectContainerCmd(container).exec().getState().getRunning())
        .ignoreExceptions()
        .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("UP"));
  }

  private static JsonNode sbom(String image) throws IOException {
    String container = docker.createContainerCmd(image).exec().getId();
    try (InputStream archive =
            docker.copyArchiveFromContainerCmd(container, "/opt/noderr/sbom.cdx.json").exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      tar.getNextEntry();
      return new ObjectMapper().readTree(tar.readAllBytes());
    } finally {
      docker.removeContainerCmd(container).exec();
    }
  }

  private static String logs(String container) throws InterruptedException {
    StringBuilder text = new StringBuilder();
    docker
        .logContainerCmd(container)
        .withStdOut(true)
        .withStdErr(true)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                text.append(new String(frame.getPayload()));
              }
            })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return text.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
