package io.noderr.agent.cli;

import io.noderr.agent.AgentHost;
import io.noderr.agent.FaultHook;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.NodeStatusActivitiesImpl;
import io.noderr.agent.metrics.OsHostMetrics;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.StaticReleaseRuntime;
import java.io.File;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code agent}: runs one node agent. Until TPM onboarding exists, it enrolls as an unattested
 * development node with the fleet's agent token.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Run one node agent: enroll, poll the node's task queue, heartbeat.")
class AgentCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--node-id", required = true, description = "This node's id.")
  String nodeId;

  @Option(names = "--operator", required = true, description = "Operator id running this node.")
  String operator;

  @Option(
      names = "--tier",
      defaultValue = "ALL",
      description = "ALL, ORACLE or GUARDIAN (default: ${DEFAULT-VALUE}).")
  String tier;

  @Option(names = "--region", required = true, description = "Region of this node, e.g. eu-west.")
  String region;

  @Option(
      names = "--release-version",
      required = true,
      description = "Node software version running here.")
  String version;

  @Option(
      names = "--image-digest",
      defaultValue = "",
      description = "sha256:... digest of the running image.")
  String digest;

  @Option(names = "--health-url", description = "HTTP URL of the node software's health endpoint.")
  URI healthUrl;

  @Option(
      names = "--state-dir",
      defaultValue = ".",
      description = "Agent state directory (disk usage is measured here).")
  File stateDir;

  @Override
  public Integer call() throws InterruptedException {
    connection.validate();
    PlatformClient platform = new PlatformClient(connection.platform, connection.token());
    NodeStatusActivitiesImpl activities =
        new NodeStatusActivitiesImpl(
            nodeId,
            new StaticReleaseRuntime(new RunningRelease(version, digest), healthUrl),
            new OsHostMetrics(stateDir),
            FaultHook.NONE,
            Clock.systemUTC());
    platform.enroll(List.of(new EnrollmentEntry(nodeId, operator, tier, region, Map.of())));
    try (AgentHost host = AgentHost.connect(connection.temporal, connection.namespace);
        HeartbeatLoop heartbeats =
            new HeartbeatLoop(platform, () -> List.of(activities.currentStatus()))) {
      host.addNode(nodeId, activities);
      host.start();
      heartbeats.start(Duration.ofSeconds(connection.heartbeatSeconds));
      System.out.println("node " + nodeId + " enrolled; polling its queue. Ctrl-C to stop.");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
