package io.noderr.console.api;

import io.noderr.console.agent.AgentPayloads;
import io.noderr.console.agent.AgentService;
import io.noderr.registry.node.HeartbeatOutcome;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/agent}: what node agents call (bearer fleet token or node session token). */
@RestController
@RequestMapping("/api/v1/agent")
class AgentController {

  private final AgentService agents;

  AgentController(AgentService agents) {
    this.agents = agents;
  }

  @PostMapping("/enrollments")
  Map<String, List<String>> enroll(@Valid @RequestBody AgentPayloads.EnrollmentBatch batch) {
    return Map.of("admitted", agents.enroll(batch.nodes()));
  }

  @PostMapping("/heartbeats")
  HeartbeatOutcome heartbeat(
      @Valid @RequestBody AgentPayloads.HeartbeatBatch batch, Authentication caller) {
    return agents.heartbeat(batch.reports(), caller);
  }
}
