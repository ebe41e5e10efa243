package io.noderr.console.api;

import io.noderr.console.rollout.AutoDeployService;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auto-deploy}: per tier, whether a published release deploys by itself. {@code PUT
 * /api/v1/auto-deploy/ORACLE {"enabled": true, "preset": "phased"}} (ADMIN); GET for ADMIN and SRE.
 */
@RestController
class AutoDeployController {

  private final AutoDeployService autoDeploy;

  AutoDeployController(AutoDeployService autoDeploy) {
    this.autoDeploy = autoDeploy;
  }

  @GetMapping("/api/v1/auto-deploy")
  List<AutoDeployPolicy> policies() {
    return autoDeploy.policies();
  }

  @PutMapping("/api/v1/auto-deploy/{tier}")
  AutoDeployPolicy set(
      @PathVariable String tier, @RequestBody @Valid Policy policy, Authentication caller) {
    return autoDeploy.set(tier, policy.enabled(), policy.preset(), caller);
  }

  record Policy(@NotNull Boolean enabled, @Size(max = 40) String preset) {}
}
