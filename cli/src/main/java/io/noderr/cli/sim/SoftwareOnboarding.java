package io.noderr.cli.sim;

import io.noderr.activities.node.NodeStatusReport;
import io.noderr.agent.AgentHost;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.gateway.FleetSessions;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.SoftwareNodeKey;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.FleetSessionsAnswer;
import io.noderr.agent.platform.FleetSessionsAnswer.NodeSession;
import io.noderr.agent.platform.HeartbeatAnswer;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.telemetry.TelemetryLoop;
import io.noderr.agent.telemetry.TelemetryReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real onboarding flow for every simulated node, with a software key each: the node's operator
 * applies, an admin approves (the simulator holds admin credentials for this), and the node
 * registers with its install token. Software keys are unattested, so every node joins tier ALL.
 *
 * <p>Admitted nodes then behave like real agents with a proven identity: each keeps its key and
 * session, polls through the node gateway under that session, renews it by a fresh proof with its
 * key, and heartbeats with it (the fleet token is not accepted for them).
 */
public final class SoftwareOnboarding implements FleetAdmission {

  private static final Logger log = LoggerFactory.getLogger(SoftwareOnboarding.class);
  private static final String UNATTESTED_TIER = "ALL";

  private final URI platform;
  private final JsonApi api;
  private final AuthClient auth;
  private final String adminAuthorization;
  private final int parallelism;

  /** Of the nodes {@link #admit} onboarded: keys, sessions and one API client each. */
  private final Map<String, NodeKey> keys = new ConcurrentHashMap<>();

  private final FleetSessions sessions = new FleetSessions(Clock.systemUTC());
  private final Map<String, PlatformClient> clients = new ConcurrentHashMap<>();
  private volatile FleetSessionsAnswer named;

  public SoftwareOnboarding(URI platform, String adminUser, String adminPassword, int parallelism) {
    this.platform = platform;
    this.api = new JsonApi(platform);
    this.auth = new AuthClient(api);
    this.adminAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    this.parallelism = parallelism;
  }

  /** One onboarded node and how long its apply-to-session took. */
  public record Onboarded(String nodeId, double millis) {}

  @Override
  public List<String> admit(List<EnrollmentEntry> nodes) {
    List<String> ids =
        onboardAll(nodes, this::onboardAndKeep).stream().map(Onboarded::nodeId).toList();
    log.info("{} nodes onboarded with software keys", ids.size());
    return ids;
  }

  /** Software keys are unattested: whatever tier was asked for, the node joins ALL. */
  @Override
  public String admittedTier(EnrollmentEntry requested) {
    return UNATTESTED_TIER;
  }

  /** Onboards every node, {@code parallelism} at a time, in the order given. */
  public List<Onboarded> onboardAll(List<EnrollmentEntry> nodes) {
    return onboardAll(nodes, this::onboard);
  }

  private List<Onboarded> onboardAll(
      List<EnrollmentEntry> nodes, BiFunction<String, String, Session> onboarding) {
    Semaphore permits = new Semaphore(parallelism);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Onboarded>> results = new ArrayList<>();
      for (EnrollmentEntry node : nodes) {
        results.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    long start = System.nanoTime();
                    String id = onboarding.apply(node.operator(), node.region()).nodeId();
                    return new Onboarded(id, (System.nanoTime() - start) / 1e6);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<Onboarded> onboarded = new ArrayList<>(results.size());
      for (Future<Onboarded> result : results) {
        onboarded.add(result.get());
      }
      return onboarded;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PlatformException refused
          ? refused
          : new PlatformException("onboarding failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while onboarding");
    }
  }

  /** Apply, approve, register: one node from nothing to ACTIVE. */
  public Session onboard(String operator, String region) {
    String token = approve(apply(operator, region, UNATTESTED_TIER));
    try (NodeKey key = SoftwareNodeKey.ephemeral()) {
      return (Session) auth.register(token, UNATTESTED_TIER, key, auth.challenge());
    }
  }

  /** Like {@link #onboard}, keeping the node's key and session to poll and heartbeat with. */
  private Session onboardAndKeep(String operator, String region) {
    String token = approve(apply(operator, region, UNATTESTED_TIER));
    NodeKey key = SoftwareNodeKey.ephemeral();
    Session session = (Session) auth.register(token, UNATTESTED_TIER, key, auth.challenge());
    keys.put(session.nodeId(), key);
    sessions.add(List.of(nodeSession(session)));
    clients.put(
        session.nodeId(),
        new PlatformClient(platform, () -> sessions.tokenOfNode(session.nodeId())));
    named =
        new FleetSessionsAnswer(
            List.of(),
            List.of(),
            session.temporalTarget(),
            session.temporalNamespace(),
            session.gatewayCertificateSha256());
    return session;
  }

  /**
   * The onboarded fleet's connection (after {@link #admit}): through the node gateway the platform
   * named at registration, each node under its own session, renewed by a proof with its key. {@code
   * directTarget} or a platform without a gateway: straight to Temporal (development).
   */
  public AgentHost connect(String directTarget, String namespace, String credential) {
    return FleetConnections.open(
        named, sessions, this::renewByProof, directTarget, namespace, credential);
  }

  /**
   * New sessions by a fresh proof each ({@code POST /api/v1/auth/token}). A node the platform no
   * longer admits (retired, quarantined) is left out, so it is not renewed again; any other failure
   * fails the batch, which is retried.
   */
  private FleetSessionsAnswer renewByProof(List<String> nodeIds) {
    List<NodeSession> renewed = new ArrayList<>();
    for (String nodeId : nodeIds) {
      try {
        renewed.add(nodeSession(auth.token(nodeId, keys.get(nodeId))));
      } catch (PlatformException e) {
        if (e.status() != 401 && e.status() != 403) {
          throw e;
        }
        log.warn("simulated node {} is no longer admitted: {}", nodeId, e.getMessage());
      }
    }
    return new FleetSessionsAnswer(List.of(), renewed, null, null, null);
  }

  /** Each node reports for itself, with its own session: one request per node and beat. */
  @Override
  public HeartbeatLoop.Sender heartbeats(PlatformClient fleetClient) {
    return reports -> {
      int accepted = 0;
      List<String> recovered = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (NodeStatusReport report : reports) {
        PlatformClient client = clients.get(report.nodeId());
        if (client == null) {
          unknown.add(report.nodeId());
          continue;
        }
        HeartbeatAnswer answer = client.heartbeat(List.of(report));
        accepted += answer.accepted();
        recovered.addAll(answer.recovered());
        unknown.addAll(answer.unknown());
      }
      return new HeartbeatAnswer(accepted, recovered, unknown);
    };
  }

  /** Each node reports its telemetry with its own session too. */
  @Override
  public TelemetryLoop.Sender telemetry(PlatformClient fleetClient) {
    return reports -> {
      for (TelemetryReport report : reports) {
        PlatformClient client = clients.get(report.nodeId());
        if (client != null) {
          client.telemetry(List.of(report));
        }
      }
    };
  }

  private static NodeSession nodeSession(Session session) {
    return new NodeSession(session.nodeId(), session.token(), session.expiresAt().toString());
  }

  /** The operator's application (anonymous, as on the public endpoint); returns its id. */
  public String apply(String operator, String region, String tier) {
    return api.post(
            "/api/v1/applications",
            Map.of(
                "operatorName", operator,
                "contact", operator + "@example.org",
                "tier", tier,
                "region", region,
                "signingAddress", signingAddressOf(operator)),
            null)
        .path("id")
        .asText();
  }

  /** Approves as the admin; returns the install token. */
  public String approve(String applicationId) {
    return api.post(
            "/api/v1/applications/" + applicationId + "/approve", Map.of(), adminAuthorization)
        .path("installToken")
        .asText();
  }

  /** A stable, made-up Ethereum address per simulated operator. */
  static String signingAddressOf(String operator) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(operator.getBytes(StandardCharsets.UTF_8));
      return "0x" + HexFormat.of().formatHex(hash).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
