package io.noderr.gateway.agent;

import io.noderr.gateway.http.NodeRoles;
import io.noderr.gateway.identity.SessionIssuer;
import io.noderr.gateway.telemetry.TelemetryIngest;
import io.noderr.gateway.telemetry.TelemetryPayloads;
import io.noderr.registry.Tier;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.HeartbeatOutcome;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.telemetry.TelemetrySample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * What node agents may do through the API: enroll (simulated and development nodes, demo profile
 * only), heartbeat and report telemetry. The fleet token is a demo shortcut, never a way around a
 * node's identity: a node that proved one (TPM or software key) is enrolled and reports only with
 * its own session.
 */
@Service
public class AgentService {

  /**
   * How long a fleet credential's right to report for a node is believed: longer than the agents'
   * 10 s report interval, or nothing would be saved. A node identified meanwhile is refused within
   * {@link #SWEEP_EVERY} ({@link FleetCredentialScope}).
   */
  private static final Duration REMEMBER_MAY = Duration.ofSeconds(60);

  private static final Duration SWEEP_EVERY = Duration.ofSeconds(2);

  private final NodeEnrollment enrollment;
  private final LivenessRegistry liveness;
  private final NodeIdentities identities;
  private final SessionIssuer sessions;
  private final TelemetryIngest telemetry;
  private final Clock clock = Clock.systemUTC();
  private final FleetCredentialScope reportScope;
  private final boolean demo;

  AgentService(
      NodeEnrollment enrollment,
      LivenessRegistry liveness,
      NodeIdentities identities,
      SessionIssuer sessions,
      TelemetryIngest telemetry,
      Environment environment) {
    this.enrollment = enrollment;
    this.liveness = liveness;
    this.identities = identities;
    this.sessions = sessions;
    this.telemetry = telemetry;
    this.reportScope = new FleetCredentialScope(identities, REMEMBER_MAY, SWEEP_EVERY, clock);
    this.demo = environment.acceptsProfiles(Profiles.of("demo"));
  }

  /**
   * Admits the nodes and issues each its own node session, with which it polls through the node
   * gateway like any agent: the fleet token is a shortcut to enrol, not a way around the gateway.
   */
  @PreAuthorize("hasRole('" + NodeRoles.FLEET + "')")
  public FleetSessions enroll(List<AgentPayloads.Enrollment> nodes, Authentication caller) {
    List<String> nodeIds = nodes.stream().map(AgentPayloads.Enrollment::nodeId).toList();
    refuseOutsideDemo();
    if (!embeddedFleet(caller) && nodes.stream().anyMatch(n -> !n.tier().equals("ALL"))) {
      throw new FleetTokenRefusedException(
          "the fleet token enrols tier ALL nodes only; ORACLE and GUARDIAN nodes need an attested"
              + " identity: onboard them with an install token");
    }
    refuseBeyondFleetCredential(nodeIds, caller);
    List<EnrollmentRequest> requests =
        nodes.stream()
            .map(
                n ->
                    new EnrollmentRequest(
                        n.nodeId(),
                        n.operator(),
                        Tier.valueOf(n.tier()),
                        n.region(),
                        Labels.of(n.labels())))
            .toList();
    List<String> admitted = enrollment.enroll(requests, "agent");
    return fleetSessions(admitted, nodeIds);
  }

  /**
   * New sessions for fleet-enrolled nodes (the simulator renews them in batches before they
   * expire). The previous session of each node stays valid until its own expiry, so calls in flight
   * are not cut; unknown nodes get none.
   */
  @PreAuthorize("hasRole('" + NodeRoles.FLEET + "')")
  public FleetSessions renewSessions(List<String> nodeIds, Authentication caller) {
    refuseOutsideDemo();
    refuseBeyondFleetCredential(nodeIds, caller);
    return fleetSessions(List.of(), nodeIds);
  }

  private FleetSessions fleetSessions(List<String> admitted, List<String> nodeIds) {
    return new FleetSessions(
        admitted,
        sessions.issue(nodeIds),
        sessions.temporalTarget(),
        sessions.temporalNamespace(),
        sessions.gatewayCertificateSha256());
  }

  /**
   * The fleet token's answer: the ids that were new, each requested node's session, and where and
   * how nodes reach the node gateway (address, namespace, certificate fingerprint to pin).
   */
  public record FleetSessions(
      List<String> admitted,
      List<SessionIssuer.IssuedSession> sessions,
      String temporalTarget,
      String temporalNamespace,
      String gatewayCertificateSha256) {}

  private void refuseOutsideDemo() {
    if (!demo) {
      // Outside the demo nodes join through onboarding (install token, attestation), so a leaked
      // fleet token cannot put unattested ACTIVE nodes into any tier.
      throw new FleetTokenRefusedException(
          "the fleet token enrols nodes only in the demo profile; onboard nodes with an install"
              + " token");
    }
  }

  private static boolean embeddedFleet(Authentication caller) {
    return hasRole(caller, NodeRoles.EMBEDDED_FLEET);
  }

  private static boolean hasRole(Authentication caller, String role) {
    return caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
  }

  /**
   * The fleet credential may report for the nodes it may enrol (simulators batch hundreds); a
   * node's own session only for that node.
   */
  @PreAuthorize("hasAnyRole('" + NodeRoles.FLEET + "','" + NodeRoles.NODE + "')")
  public HeartbeatOutcome heartbeat(List<AgentPayloads.Heartbeat> reports, Authentication caller) {
    refuseReportsForOthers(reports.stream().map(AgentPayloads.Heartbeat::nodeId).toList(), caller);
    return liveness.recordHeartbeats(
        reports.stream()
            .map(
                r ->
                    new LivenessReport(
                        r.nodeId(),
                        r.version(),
                        r.imageDigest() == null || r.imageDigest().isEmpty()
                            ? null
                            : r.imageDigest(),
                        r.health(),
                        r.cpuPercent(),
                        r.memoryPercent(),
                        r.diskPercent()))
            .toList());
  }

  /**
   * Queues telemetry reports, each at the time its agent collected it (so a report resent after a
   * timeout is the same sample, stored once), within a window around the gateway's clock; the same
   * rule as heartbeats says who may report for whom. The batch is queued whole or refused whole.
   *
   * @return how many reports were queued
   */
  @PreAuthorize("hasAnyRole('" + NodeRoles.FLEET + "','" + NodeRoles.NODE + "')")
  public int telemetry(List<TelemetryPayloads.Report> reports, Authentication caller) {
    refuseReportsForOthers(reports.stream().map(TelemetryPayloads.Report::nodeId).toList(), caller);
    var received = clock.instant();
    List<TelemetrySample> samples = new ArrayList<>(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      TelemetryPayloads.Report r = reports.get(i);
      samples.add(
          new TelemetrySample(
              r.nodeId(),
              r.sampledAt(received, i),
              r.version(),
              r.health(),
              r.cpuPercent(),
              r.memoryPercent(),
              r.diskPercent(),
              r.platformRttMs(),
              r.peerRttMs(),
              r.errors(),
              r.errorsByType(),
              r.requests(),
              r.latencyP95Ms(),
              r.blockLag(),
              r.peers(),
              r.missedDuties(),
              r.trades(),
              r.orders()));
    }
    telemetry.accept(samples);
    return reports.size();
  }

  /** A node's own session reports only for that node; the fleet credential only for its nodes. */
  private void refuseReportsForOthers(List<String> nodeIds, Authentication caller) {
    if (hasRole(caller, NodeRoles.NODE)) {
      if (nodeIds.stream().anyMatch(id -> !id.equals(caller.getName()))) {
        throw new AccessDeniedException("a node may report only for itself");
      }
    } else {
      // Reports come every 10 s from every node: asked of the remembering scope, not the registry.
      refuseAny(reportScope.beyond(nodeIds, embeddedFleet(caller)));
    }
  }

  /**
   * Nodes with a proven identity use their own session, and the fleet token speaks only for tier
   * ALL (the embedded fleet's credential for any tier). One query for the whole batch: a
   * simulator's 500 reports cost one lookup.
   */
  private void refuseBeyondFleetCredential(List<String> nodeIds, Authentication caller) {
    refuseAny(identities.beyondFleetCredential(nodeIds, embeddedFleet(caller)));
  }

  private static void refuseAny(Set<String> beyond) {
    if (!beyond.isEmpty()) {
      throw new FleetTokenRefusedException(
          "the fleet token is not accepted for nodes with a proven identity or outside tier ALL ("
              + beyond.stream().sorted().limit(3).toList()
              + (beyond.size() > 3 ? " and " + (beyond.size() - 3) + " more" : "")
              + "); they use their own session");
    }
  }
}
