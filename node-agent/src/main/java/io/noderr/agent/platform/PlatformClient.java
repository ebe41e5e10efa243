package io.noderr.agent.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.agent.telemetry.TelemetryReport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's side of the node gateway's HTTP API: heartbeats, telemetry and enrolment ({@code
 * /api/v1/agent/...}) and beacon reads ({@code /api/v1/beacon/...}), with the agent's bearer
 * credential (its node session, or the demo fleet token).
 */
public class PlatformClient {

  private static final ObjectMapper JSON = JsonApi.JSON;

  private final JsonApi api;
  private final Supplier<String> token;

  /**
   * @param token the bearer credential, asked for on every call: a node's session token is renewed
   *     while the agent runs
   */
  public PlatformClient(URI base, Supplier<String> token) {
    this.api = new JsonApi(base);
    this.token = token;
  }

  /** With a fixed credential: the fleet agent token of simulators and development agents. */
  public PlatformClient(URI base, String token) {
    this(base, () -> token);
  }

  /** Admits the nodes (idempotent) and gets each its node session. */
  public FleetSessionsAnswer enroll(List<EnrollmentEntry> nodes) {
    return JSON.convertValue(
        post("/api/v1/agent/enrollments", Map.of("nodes", nodes)), FleetSessionsAnswer.class);
  }

  /** New sessions for fleet-enrolled nodes (at most 500 per call). */
  public FleetSessionsAnswer renewSessions(List<String> nodeIds) {
    return JSON.convertValue(
        post("/api/v1/agent/sessions", Map.of("nodeIds", nodeIds)), FleetSessionsAnswer.class);
  }

  public HeartbeatAnswer heartbeat(List<NodeStatusReport> reports) {
    List<Map<String, Object>> body =
        reports.stream()
            .map(
                r ->
                    Map.<String, Object>of(
                        "nodeId", r.nodeId(),
                        "version", r.version(),
                        "imageDigest", r.imageDigest(),
                        "health", r.health().name(),
                        "cpuPercent", r.usage().cpuPercent(),
                        "memoryPercent", r.usage().memoryPercent(),
                        "diskPercent", r.usage().diskPercent()))
            .toList();
    return JSON.convertValue(
        post("/api/v1/agent/heartbeats", Map.of("reports", body)), HeartbeatAnswer.class);
  }

  /**
   * Sends telemetry reports (at most 1,000); the platform queues them whole or refuses them whole
   * (503 when its queue is full: send them again later).
   */
  public void telemetry(List<TelemetryReport> reports) {
    post("/api/v1/agent/telemetry", Map.of("reports", reports));
  }

  /**
   * Submits a governance proposal the node's operator signed offline ({@code noderr propose
   * --sign-only}), as the JSON document the operator's CLI wrote: the node forwards it unchanged
   * and the platform checks the signature and the chain before relaying it to the governor.
   */
  public ProposalSubmitted propose(JsonNode signedProposal) {
    return JsonApi.read(
        post("/api/v1/agent/governance/proposals", signedProposal), ProposalSubmitted.class);
  }

  /**
   * The release the platform's beacon holds for {@code tier}, or empty when nothing was published
   * for it (the platform answers 404).
   */
  public Optional<BeaconAnswer> beacon(String tier) {
    try {
      return Optional.of(
          JsonApi.read(api.get("/api/v1/beacon/" + tier, bearer()), BeaconAnswer.class));
    } catch (PlatformException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JsonNode post(String path, Object body) {
    return api.post(path, body, bearer());
  }

  private String bearer() {
    return "Bearer " + token.get();
  }
}
