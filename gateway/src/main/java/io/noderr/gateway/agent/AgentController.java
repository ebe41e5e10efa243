package io.noderr.gateway.agent;

import io.noderr.registry.node.HeartbeatOutcome;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/agent}: what node agents call (bearer fleet token or node session token). With the
 * fleet token (demo only): enrol simulated tier ALL nodes and renew their node sessions.
 */
@RestController
@RequestMapping("/api/v1/agent")
class AgentController {

  private final AgentService agents;

  AgentController(AgentService agents) {
    this.agents = agents;
  }

  @PostMapping("/enrollments")
  AgentService.FleetSessions enroll(
      @Valid @RequestBody AgentPayloads.EnrollmentBatch batch, Authentication caller) {
    return agents.enroll(batch.nodes(), caller);
  }

  @PostMapping("/sessions")
  AgentService.FleetSessions renewSessions(
      @Valid @RequestBody AgentPayloads.SessionBatch batch, Authentication caller) {
    return agents.renewSessions(batch.nodeIds(), caller);
  }

  @PostMapping("/heartbeats")
  HeartbeatOutcome heartbeat(
      @Valid @RequestBody AgentPayloads.HeartbeatBatch batch, Authentication caller) {
    return agents.heartbeat(batch.reports(), caller);
  }
}
