package io.noderr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.noderr.activities.node.HealthProbeRequest;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.ResourceUsage;
import io.noderr.activities.node.StatusRequest;
import io.noderr.agent.metrics.OsHostMetrics;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.StaticReleaseRuntime;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real agent's activities against a real HTTP health endpoint and the real host metrics. */
class NodeStatusActivitiesImplTest {

  private static final RunningRelease RELEASE =
      new RunningRelease("1.2.3", "sha256:" + "b".repeat(64));

  private HttpServer nodeSoftware;
  private final AtomicInteger healthStatus = new AtomicInteger(200);

  @BeforeEach
  void startNodeSoftware() throws Exception {
    nodeSoftware = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    nodeSoftware.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(healthStatus.get(), -1);
          exchange.close();
        });
    nodeSoftware.start();
  }

  @AfterEach
  void stop() {
    nodeSoftware.stop(0);
  }

  @Test
  void probeHealth_isHealthy_on2xx_andUnhealthy_otherwise() {
    NodeStatusActivitiesImpl agent = agent(healthUrl());

    assertThat(agent.probeHealth(new HealthProbeRequest(1000)).health())
        .isEqualTo(HealthState.HEALTHY);
    healthStatus.set(503);
    var unhealthy = agent.probeHealth(new HealthProbeRequest(1000));
    assertThat(unhealthy.health()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(unhealthy.detail()).contains("503");
    assertThat(agent.currentStatus().health()).isEqualTo(HealthState.UNHEALTHY);
  }

  @Test
  void probeHealth_isUnhealthy_whenEndpointUnreachable() {
    nodeSoftware.stop(0);
    var result = agent(healthUrl()).probeHealth(new HealthProbeRequest(500));
    assertThat(result.health()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(result.detail()).contains("cannot reach");
  }

  @Test
  void reportStatus_carriesRelease_hostMetrics_andTime() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    NodeStatusActivitiesImpl agent =
        new NodeStatusActivitiesImpl(
            "n-1",
            new StaticReleaseRuntime(RELEASE, healthUrl()),
            new OsHostMetrics(new File(".")),
            FaultHook.NONE,
            clock);

    NodeStatusReport report = agent.reportStatus(new StatusRequest("test"));

    assertThat(report.nodeId()).isEqualTo("n-1");
    assertThat(report.version()).isEqualTo("1.2.3");
    assertThat(report.imageDigest()).isEqualTo(RELEASE.imageDigest());
    assertThat(report.observedAtMillis()).isEqualTo(clock.millis());
    ResourceUsage usage = report.usage();
    assertThat(usage.memoryPercent()).isBetween(0.1, 100.0);
    assertThat(usage.diskPercent()).isBetween(0.0, 100.0);
  }

  @Test
  void faultHook_runsBeforeEveryActivity() {
    AtomicInteger calls = new AtomicInteger();
    NodeStatusActivitiesImpl agent =
        new NodeStatusActivitiesImpl(
            "n-1",
            new StaticReleaseRuntime(RELEASE, null),
            () -> new ResourceUsage(1, 2, 3),
            activity -> calls.incrementAndGet(),
            Clock.systemUTC());
    agent.reportStatus(new StatusRequest("x"));
    agent.probeHealth(new HealthProbeRequest(100));
    assertThat(calls).hasValue(2);
  }

  private NodeStatusActivitiesImpl agent(URI health) {
    return new NodeStatusActivitiesImpl(
        "n-1",
        new StaticReleaseRuntime(RELEASE, health),
        () -> new ResourceUsage(1, 2, 3),
        FaultHook.NONE,
        Clock.systemUTC());
  }

  private URI healthUrl() {
    return URI.create("http://127.0.0.1:" + nodeSoftware.getAddress().getPort() + "/health");
  }
}
