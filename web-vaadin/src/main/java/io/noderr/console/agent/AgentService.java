package io.noderr.console.agent;

import io.noderr.console.security.Roles;
import io.noderr.registry.Tier;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.HeartbeatOutcome;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import io.noderr.registry.node.NodeEnrollment;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** What node agents may do through the API: enroll (development/simulated) and heartbeat. */
@Service
public class AgentService {

  private final NodeEnrollment enrollment;
  private final LivenessRegistry liveness;

  AgentService(NodeEnrollment enrollment, LivenessRegistry liveness) {
    this.enrollment = enrollment;
    this.liveness = liveness;
  }

  @PreAuthorize("hasRole('" + Roles.AGENT + "')")
  public List<String> enroll(List<AgentPayloads.Enrollment> nodes) {
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
}
