package io.noderr.agent.cli;

import io.noderr.agent.AgentHost;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.sim.FailurePlan;
import io.noderr.agent.sim.FleetSimulator;
import io.noderr.agent.sim.SimulatedFleetSpec;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sim}: hosts a simulated fleet until interrupted. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Run N simulated node agents in this process against a running platform.")
class SimCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--nodes", required = true, description = "How many nodes to simulate.")
  int nodes;

  @Option(
      names = "--id-prefix",
      defaultValue = "ext",
      description =
          "Node ids are <prefix>-00001...; the same prefix re-uses the same nodes (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Option(
      names = "--release-version",
      defaultValue = "1.0.0",
      description = "Node software version the fleet reports (default: ${DEFAULT-VALUE}).")
  String version;

  @Mixin FailureOptions failures = new FailureOptions();

  @Override
  public Integer call() throws InterruptedException {
    connection.validate();
    SimulatedFleetSpec spec = new SimulatedFleetSpec(idPrefix, nodes, version, failures.plan());
    PlatformClient platform = new PlatformClient(connection.platform, connection.token());
    try (AgentHost host = AgentHost.connect(connection.temporal, connection.namespace);
        FleetSimulator simulator = new FleetSimulator(spec, host, platform)) {
      simulator.start(Duration.ofSeconds(connection.heartbeatSeconds));
      System.out.println(
          "simulating "
              + nodes
              + " nodes ("
              + idPrefix
              + "-*) against "
              + connection.platform
              + "; failure modes "
              + simulator.failureCounts()
              + ". Ctrl-C to stop.");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }

  /** Failure-injection knobs. */
  static class FailureOptions {
    @Option(
        names = "--unhealthy-pct",
        defaultValue = "0",
        description = "Percent of nodes failing health probes.")
    int unhealthy;

    @Option(
        names = "--slow-pct",
        defaultValue = "0",
        description = "Percent of nodes answering late.")
    int slow;

    @Option(
        names = "--crash-pct",
        defaultValue = "0",
        description = "Percent of nodes crashing when given work.")
    int crash;

    @Option(
        names = "--silent-pct",
        defaultValue = "0",
        description = "Percent of nodes that never answer.")
    int silent;

    @Option(
        names = "--slow-ms",
        defaultValue = "3000",
        description = "Delay of slow nodes (default: ${DEFAULT-VALUE}).")
    long slowMillis;

    FailurePlan plan() {
      return new FailurePlan(
          unhealthy, slow, crash, silent, slowMillis, FailurePlan.NONE.crashRestartMillis());
    }
  }
}
