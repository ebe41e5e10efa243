package io.noderr.gateway.agent;

import io.noderr.gateway.telemetry.TelemetryPayloads;
import io.noderr.registry.node.HeartbeatOutcome;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/agent}: what node agents call (bearer fleet token or node session token). With the
 * fleet token (demo only): enrol simulated tier ALL nodes and renew their node sessions. Heartbeats
 * and telemetry: a node for itself, the fleet token for the nodes it speaks for.
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

  /** 202: queued, written within about a second; 503 with Retry-After when the queue is full. */
  @PostMapping("/telemetry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TelemetryPayloads.Accepted telemetry(
      @Valid @RequestBody TelemetryPayloads.Batch batch, Authentication caller) {
    return new TelemetryPayloads.Accepted(agents.telemetry(batch.reports(), caller));
  }
}
