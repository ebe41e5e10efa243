package io.noderr.cli.sim;

import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.AgentHost;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.NodeStatusActivitiesImpl;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.release.CachingBeaconSource;
import io.noderr.agent.release.PlatformBeaconSource;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.telemetry.TelemetryLoop;
import io.noderr.agent.telemetry.TelemetryReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a fleet of simulated agents in one JVM. Each node is admitted by the platform, polls its
 * own task queue with the real {@link NodeStatusActivitiesImpl} and {@link BeaconDigestCheck}
 * (reading the beacon through the platform), heartbeats and reports telemetry; only the container
 * runtime, host metrics and the node software's own metrics are simulated.
 */
public class FleetSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetSimulator.class);

  /**
   * How long simulated nodes share one beacon answer: a rollout asks thousands of them at once, and
   * they all ask the same platform about the same three tiers.
   */
  static final Duration BEACON_CACHE = Duration.ofSeconds(2);

  /** How often agents report telemetry unless told otherwise. */
  public static final Duration TELEMETRY_INTERVAL = Duration.ofSeconds(10);

  private final SimulatedFleetSpec spec;
  private final Supplier<AgentHost> connect;
  private final FleetAdmission admission;
  private final PlatformClient platform;
  private final FleetState state;

  /** One check per tier, all reading one cached beacon: each node uses its admitted tier's. */
  private final Map<BeaconTier, BeaconDigestCheck> releaseChecks = new EnumMap<>(BeaconTier.class);

  private final List<SimulatedNode> nodes = new ArrayList<>();
  private final List<NodeStatusActivitiesImpl> agents = new ArrayList<>();
  private final ReleaseFaults releaseFaults = new ReleaseFaults();
  private final List<SimulatedTelemetry> telemetry = new ArrayList<>();
  private HeartbeatLoop heartbeats;
  private TelemetryLoop telemetryLoop;
  private Duration telemetryInterval;
  private AgentHost host;

  /**
   * @param connect the fleet's Temporal connection, asked for once the fleet is admitted (the
   *     admission's answer says how nodes reach the platform's node gateway)
   * @param platform the fleet credential's client: beacon reads, and heartbeats unless the
   *     admission sends them otherwise ({@link FleetAdmission#heartbeats})
   */
  public FleetSimulator(
      SimulatedFleetSpec spec,
      Supplier<AgentHost> connect,
      FleetAdmission admission,
      PlatformClient platform) {
    this(spec, connect, admission, platform, FleetState.inMemory());
  }

  /**
   * @param state the releases the nodes run and the updates applied to them, kept across restarts
   *     when it is a file's ({@link FleetState#open}); a node it does not know yet starts on the
   *     spec's version
   */
  public FleetSimulator(
      SimulatedFleetSpec spec,
      Supplier<AgentHost> connect,
      FleetAdmission admission,
      PlatformClient platform,
      FleetState state) {
    this.spec = spec;
    this.connect = connect;
    this.admission = admission;
    this.platform = platform;
    this.state = state;
    CachingBeaconSource beacon =
        new CachingBeaconSource(
            new PlatformBeaconSource(platform), BEACON_CACHE, Clock.systemUTC());
    for (BeaconTier tier : BeaconTier.values()) {
      releaseChecks.put(tier, new BeaconDigestCheck(beacon, tier));
    }
  }

  /** Starts the fleet with telemetry every {@link #TELEMETRY_INTERVAL}. */
  public void start(Duration heartbeatInterval) {
    start(heartbeatInterval, TELEMETRY_INTERVAL);
  }

  /** Admits the fleet, starts every node's worker, the heartbeat and the telemetry loop. */
  public void start(Duration heartbeatInterval, Duration telemetryInterval) {
    List<EnrollmentEntry> entries = new ArrayList<>();
    for (int i = 0; i < spec.size(); i++) {
      entries.add(
          new EnrollmentEntry(
              spec.nodeId(i),
              SimulatedFleetSpec.operator(i),
              spec.tier(i),
              SimulatedFleetSpec.region(i),
              Map.of("simulated", "true")));
    }
    List<String> ids = admission.admit(entries);
    host = connect.get();
    Map<String, RunningRelease> releases =
        state.join(ids, new RunningRelease(spec.version(), digestOf(spec.version())));
    Clock clock = Clock.systemUTC();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      BeaconDigestCheck releaseCheck =
          releaseChecks.get(BeaconTier.valueOf(admission.admittedTier(entries.get(i))));
      SimulatedNode node = new SimulatedNode(id, spec.failures());
      SimulatedRuntime runtime = new SimulatedRuntime(releases.get(id), node);
      SimulatedHostMetrics hostMetrics = new SimulatedHostMetrics(id, clock);
      NodeStatusActivitiesImpl activities =
          new NodeStatusActivitiesImpl(id, runtime, hostMetrics, node, clock);
      // Two neighbours as the node's configured peers.
      List<String> peers =
          ids.size() < 3
              ? List.of()
              : List.of(ids.get((i + 1) % ids.size()), ids.get((i + ids.size() - 1) % ids.size()));
      telemetry.add(new SimulatedTelemetry(id, runtime, hostMetrics, releaseFaults, peers));
      if (node.failure() != Failure.SILENT) {
        node.attach(
            host.addNode(
                id,
                activities,
                releaseCheck,
                new SimulatedUpdates(node, runtime, releaseFaults, releaseCheck, state)));
      }
      nodes.add(node);
      agents.add(activities);
    }
    host.start();
    heartbeats = new HeartbeatLoop(admission.heartbeats(platform), this::reportsOfLiveNodes);
    heartbeats.start(heartbeatInterval);
    this.telemetryInterval = telemetryInterval;
    telemetryLoop = new TelemetryLoop(admission.telemetry(platform), this::telemetryOfLiveNodes);
    telemetryLoop.start(telemetryInterval);
    log.info("simulated fleet up: {} nodes, failures {}", ids.size(), spec.failures());
  }

  /** The per-release failure knobs of this fleet, settable while it runs. */
  public ReleaseFaults releaseFaults() {
    return releaseFaults;
  }

  /** What the fleet keeps across restarts: releases, and the updates applied to each node. */
  public FleetState state() {
    return state;
  }

  /** How many hosted nodes have each failure mode. */
  public Map<Failure, Long> failureCounts() {
    return nodes.stream()
        .collect(
            Collectors.groupingBy(
                SimulatedNode::failure, () -> new EnumMap<>(Failure.class), Collectors.counting()));
  }

  private List<NodeStatusReport> reportsOfLiveNodes() {
    List<NodeStatusReport> reports = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).isUp()) {
        reports.add(agents.get(i).currentStatus());
      }
    }
    return reports;
  }

  private List<TelemetryReport> telemetryOfLiveNodes() {
    List<TelemetryReport> reports = new ArrayList<>(nodes.size());
    Instant at = Instant.now();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).isUp()) {
        reports.add(telemetry.get(i).report(telemetryInterval, at));
      }
    }
    return reports;
  }

  /** The sha256 digest a simulated image of {@code version} has (stable across runs). */
  public static String digestOf(String version) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("noderr-node:" + version).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    if (heartbeats != null) {
      heartbeats.close();
    }
    if (telemetryLoop != null) {
      telemetryLoop.close();
    }
    if (host != null) {
      host.close();
    }
  }
}
