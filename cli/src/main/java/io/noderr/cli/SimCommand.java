package io.noderr.cli;

import io.noderr.agent.AgentHost;
import io.noderr.agent.cli.ConnectionOptions;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.cli.sim.FailurePlan;
import io.noderr.cli.sim.FleetAdmission;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.cli.sim.ReleaseFaults;
import io.noderr.cli.sim.SimulatedFleetSpec;
import io.noderr.cli.sim.SoftwareOnboarding;
import io.noderr.cli.sim.TokenEnrollment;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
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

  @Mixin FleetTokenOptions fleetToken = new FleetTokenOptions();

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

  @Mixin OnboardingOptions onboarding = new OnboardingOptions();

  @Override
  public Integer call() throws InterruptedException {
    connection.validate();
    new ReleaseFaults().apply(failures.releaseFaults); // a bad spec stops here, before any node
    SimulatedFleetSpec spec = new SimulatedFleetSpec(idPrefix, nodes, version, failures.plan());
    PlatformClient platform = new PlatformClient(connection.platform(), fleetToken.token());
    FleetAdmission admission;
    Supplier<AgentHost> connect;
    if (onboarding.enabled) {
      SoftwareOnboarding onboarded = onboarding.admission(connection.platform());
      admission = onboarded;
      connect =
          () ->
              onboarded.connect(
                  connection.temporal(),
                  connection.namespace(),
                  connection.temporal() == null ? null : connection.temporalCredential());
    } else {
      TokenEnrollment enrollment = new TokenEnrollment(platform);
      admission = enrollment;
      connect =
          () ->
              enrollment.connect(
                  connection.temporal(),
                  connection.namespace(),
                  connection.temporal() == null ? null : connection.temporalCredential());
    }
    try (FleetSimulator simulator = new FleetSimulator(spec, connect, admission, platform)) {
      simulator.releaseFaults().apply(failures.releaseFaults);
      simulator.start(
          Duration.ofSeconds(connection.heartbeatSeconds()),
          Duration.ofSeconds(connection.telemetrySeconds()));
      System.out.println(
          "simulating "
              + nodes
              + " nodes ("
              + idPrefix
              + "-*) against "
              + connection.platform()
              + "; failure modes "
              + simulator.failureCounts()
              + (failures.releaseFaults.isBlank()
                  ? ""
                  : "; release faults " + simulator.releaseFaults().spec())
              + ". Ctrl-C to stop.");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }

  /** The full onboarding path per node instead of the fleet token's quick enrollment. */
  static class OnboardingOptions {
    @Option(
        names = "--onboard",
        description =
            "Onboard every node through the real flow (apply, admin approval, software-key"
                + " registration; tier ALL, as software keys are unattested). New nodes each run.")
    boolean enabled;

    @Option(
        names = "--admin-user",
        defaultValue = "admin",
        description =
            "Admin who approves the simulated applications (default: ${DEFAULT-VALUE}); password"
                + " from NODERR_ADMIN_PASSWORD, else the demo password.")
    String adminUser;

    @Option(
        names = "--onboard-parallelism",
        defaultValue = "8",
        description = "Onboardings in flight at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    SoftwareOnboarding admission(URI platform) {
      String password = System.getenv("NODERR_ADMIN_PASSWORD");
      if (password == null || password.isBlank()) {
        String demo = System.getenv("NODERR_DEMO_PASSWORD");
        password = demo == null || demo.isBlank() ? "noderr-demo" : demo;
      }
      if (parallelism < 1 || parallelism > 256) {
        throw new IllegalArgumentException("--onboard-parallelism must be between 1 and 256");
      }
      return new SoftwareOnboarding(platform, adminUser, password, parallelism);
    }
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

    @Option(
        names = "--release-faults",
        defaultValue = "",
        paramLabel = "SPEC",
        description =
            "Faults of updates per release, e.g. 1.6.0:unhealthy=30,1.6.0:hang=5"
                + " (kinds: unhealthy, slow, crash, hang, errors, latency; VERSION=PCT means unhealthy).")
    String releaseFaults;

    FailurePlan plan() {
      return new FailurePlan(
          unhealthy, slow, crash, silent, slowMillis, FailurePlan.NONE.crashRestartMillis());
    }
  }
}
