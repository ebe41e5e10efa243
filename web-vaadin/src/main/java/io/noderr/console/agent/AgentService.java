package io.noderr.console.agent;

import io.noderr.console.security.Roles;
import io.noderr.registry.Tier;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.HeartbeatOutcome;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import io.noderr.registry.node.NodeEnrollment;
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
 * only) and heartbeat. The fleet token is a demo shortcut, never a way around a node's identity: a
 * node that proved one (TPM or software key) is enrolled and reports only with its own session.
 */
@Service
public class AgentService {

  private final NodeEnrollment enrollment;
  private final LivenessRegistry liveness;
  private final NodeIdentities identities;
  private final boolean demo;

  AgentService(
      NodeEnrollment enrollment,
      LivenessRegistry liveness,
      NodeIdentities identities,
      Environment environment) {
    this.enrollment = enrollment;
    this.liveness = liveness;
    this.identities = identities;
    this.demo = environment.acceptsProfiles(Profiles.of("demo"));
  }

  @PreAuthorize("hasRole('" + Roles.AGENT + "')")
  public List<String> enroll(List<AgentPayloads.Enrollment> nodes) {
    if (!demo) {
      // Outside the demo nodes join through onboarding (install token, attestation), so a leaked
      // fleet token cannot put unattested ACTIVE nodes into any tier.
      throw new FleetTokenRefusedException(
          "the fleet token enrols nodes only in the demo profile; onboard nodes with an install"
              + " token");
    }
    refuseIdentified(nodes.stream().map(AgentPayloads.Enrollment::nodeId).toList());
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
    return enrollment.enroll(requests, "agent");
  }

  /**
   * The fleet credential may report for any node (simulators batch hundreds); a node's own session
   * only for that node.
   */
  @PreAuthorize("hasAnyRole('" + Roles.AGENT + "','" + Roles.NODE + "')")
  public HeartbeatOutcome heartbeat(List<AgentPayloads.Heartbeat> reports, Authentication caller) {
    boolean node =
        caller.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.NODE));
    if (node && reports.stream().anyMatch(r -> !r.nodeId().equals(caller.getName()))) {
      throw new AccessDeniedException("a node may report only for itself");
    }
    if (!node) {
      refuseIdentified(reports.stream().map(AgentPayloads.Heartbeat::nodeId).toList());
    }
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

  /** One query for the whole batch: a simulator's 500 reports cost one lookup. */
  private void refuseIdentified(List<String> nodeIds) {
    Set<String> identified = identities.withIdentity(nodeIds);
    if (!identified.isEmpty()) {
      throw new FleetTokenRefusedException(
          "the fleet token is not accepted for nodes with a proven identity ("
              + identified.stream().sorted().limit(3).toList()
              + (identified.size() > 3 ? " and " + (identified.size() - 3) + " more" : "")
              + "); they use their own session");
    }
  }
}
