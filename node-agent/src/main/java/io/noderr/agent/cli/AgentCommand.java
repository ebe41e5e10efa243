package io.noderr.agent.cli;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.AgentHost;
import io.noderr.agent.FaultHook;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.NodeStatusActivitiesImpl;
import io.noderr.agent.gateway.GatewayPin;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.NodeKeys;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.SessionKeeper;
import io.noderr.agent.metrics.OsHostMetrics;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.release.BeaconSource;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.telemetry.AgentTelemetry;
import io.noderr.agent.telemetry.TelemetryLoop;
import io.noderr.agent.telemetry.TelemetryReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent}: runs one node. The first start registers the node with its install token and its
 * TPM (or, where the platform allows it, a software key); every later start re-authenticates with a
 * fresh proof from the same key. Then it polls the node's own task queue and heartbeats.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    subcommands = {AgentProposeCommand.class},
    description = "Run one node agent: register or re-authenticate, poll the node's task queue.")
class AgentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin BeaconOptions beacon = new BeaconOptions();

  @Mixin RuntimeOptions software = new RuntimeOptions();

  @Mixin ObservabilityOptions observability = new ObservabilityOptions();

  @Option(
      names = "--install-token",
      description =
          "Single-use install token from the approval (first start only). Prefer the"
              + " NODERR_INSTALL_TOKEN environment variable: command lines are visible to others.")
  String installToken;

  @Option(
      names = "--tpm",
      defaultValue = "/dev/tpmrm0",
      description =
          "TPM to use: a device (/dev/tpmrm0), Windows TBS (tbs), a simulator (tcp://127.0.0.1:2321),"
              + " or 'none' for a"
              + " software key (unattested; tier ALL only, if the platform allows it)."
              + " Default: ${DEFAULT-VALUE}.")
  String tpm;

  @Option(
      names = "--state-dir",
      defaultValue = "${sys:user.home}/.noderr/agent",
      description = "Where the agent keeps its identity (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--tier",
      description =
          "Tier to join; must match the install token's (default: the token's tier). On every"
              + " later start it must be the tier pinned at registration, or the agent stops.")
  String tier;

  @Option(names = "--register-only", description = "Register, then exit (used by installers).")
  boolean registerOnly;

  @Option(
      names = "--release-version",
      defaultValue = "0.0.0",
      description =
          "Node software version running here; with --runtime docker, until the agent installs"
              + " one (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(
      names = "--image-digest",
      defaultValue = "",
      description =
          "sha256:... digest of the running image (with docker: until the first install).")
  String digest;

  @Option(names = "--health-url", description = "HTTP URL of the node software's health endpoint.")
  URI healthUrl;

  @Option(
      names = "--metrics-url",
      description =
          "With --runtime static: HTTP URL of the node software's Prometheus endpoint, scraped for"
              + " each telemetry report (see docs/telemetry.md for the metric names read).")
  URI metricsUrl;

  @Option(
      names = "--peer",
      paramLabel = "ID=tcp://HOST:PORT",
      description = "A peer to measure the round trip to in telemetry (repeatable).")
  Map<String, URI> peers = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    connection.validate();
    beacon.validate();
    software.validate(healthUrl);
    PrintWriter out = spec.commandLine().getOut();
    AuthClient auth = new AuthClient(new JsonApi(connection.platform));
    NodeLogin login =
        new NodeLogin(auth, new IdentityFile(stateDir), connection.platform, Clock.systemUTC());
    try (NodeKey key = NodeKeys.open(tpm, stateDir)) {
      Session session = registerOrLogin(login, key, out);
      BeaconTier tier = login.pinnedTier(session, this.tier);
      // Pinned on the first answer that names a certificate (registration), checked on every start.
      String gatewayPin =
          new GatewayPin(stateDir).check(session.gatewayCertificateSha256(), Instant.now());
      if (registerOnly) {
        return 0;
      }
      beacon.requireChainFor(tier);
      try (var metricsAndTraces = observability.start()) {
        run(auth, key, session, tier, gatewayPin, out);
      }
    }
    return 0;
  }

  private Session registerOrLogin(NodeLogin login, NodeKey key, PrintWriter out) {
    String token = installToken();
    if (login.registered()) {
      Session session = login.login(key);
      out.println(
          "node "
              + session.nodeId()
              + " authenticated"
              + (token == null ? "" : " (already registered; the install token was not used)"));
      return session;
    }
    if (token == null) {
      throw new IllegalArgumentException(
          "this node is not registered yet: give the install token (NODERR_INSTALL_TOKEN or"
              + " --install-token)");
    }
    Session session = login.register(token, tier, key);
    out.println("registered as node " + session.nodeId() + " (" + key.kind() + " key)");
    return session;
  }

  private String installToken() {
    String fromEnv = System.getenv("NODERR_INSTALL_TOKEN");
    if (installToken != null && !installToken.isBlank()) {
      return installToken.strip();
    }
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
  }

  private void run(
      AuthClient auth,
      NodeKey key,
      Session session,
      BeaconTier tier,
      String gatewayPin,
      PrintWriter out)
      throws InterruptedException {
    try (NodeSoftware node =
            software.open(stateDir, healthUrl, metricsUrl, new RunningRelease(version, digest));
        SessionKeeper keeper = new SessionKeeper(auth, key, session, Clock.systemUTC())) {
      NodeStatusActivitiesImpl activities =
          new NodeStatusActivitiesImpl(
              session.nodeId(),
              node.runtime(),
              new OsHostMetrics(stateDir.toFile()),
              FaultHook.NONE,
              Clock.systemUTC());
      PlatformClient platform = new PlatformClient(connection.platform, keeper);
      try (BeaconSource releases = beacon.open(platform);
          AgentHost host = connect(session, gatewayPin, keeper);
          HeartbeatLoop heartbeats =
              new HeartbeatLoop(platform::heartbeat, () -> List.of(activities.currentStatus()));
          TelemetryLoop telemetry =
              new TelemetryLoop(
                  platform::telemetry,
                  telemetryOf(session.nodeId(), node.runtime(), connection.platform))) {
        BeaconDigestCheck digestCheck = new BeaconDigestCheck(releases, tier);
        List<Object> updates = node.updateActivities(session.nodeId(), digestCheck);
        List<Object> served = new ArrayList<>(List.of(activities, digestCheck));
        served.addAll(updates);
        host.addNode(session.nodeId(), served.toArray());
        host.start();
        heartbeats.start(Duration.ofSeconds(connection.heartbeatSeconds));
        telemetry.start(Duration.ofSeconds(connection.telemetrySeconds));
        out.println(
            "node "
                + session.nodeId()
                + " polling its queue; releases are checked against the "
                + releases.name()
                + " beacon of tier "
                + tier
                + ". Ctrl-C to stop.");
        if (!updates.isEmpty()) {
          out.println("this agent installs releases on " + node.describe());
        }
        out.flush();
        awaitShutdown();
      }
    }
  }

  /** This node's telemetry: host load, round trips, health and its software's own metrics. */
  private Supplier<List<TelemetryReport>> telemetryOf(
      String nodeId, ContainerRuntime runtime, URI platform) {
    AgentTelemetry telemetry =
        new AgentTelemetry(nodeId, runtime, new OsHostMetrics(stateDir.toFile()), platform, peers);
    return () -> List.of(telemetry.get());
  }

  /**
   * Through the node gateway when the platform has one (it then told the pinned certificate);
   * straight to Temporal only when asked with --temporal or when the platform has no gateway.
   */
  private AgentHost connect(Session session, String gatewayPin, SessionKeeper keeper) {
    String namespace = connection.namespaceOr(session.temporalNamespace());
    String gateway = connection.gatewayOr(session.temporalTarget());
    if (connection.temporal != null || gatewayPin == null || gateway == null) {
      return AgentHost.connect(connection.temporalOr(session.temporalTarget()), namespace, null);
    }
    return AgentHost.connectThroughGateway(gateway, namespace, gatewayPin, keeper);
  }

  private static void awaitShutdown() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    stopped.await();
  }
}
