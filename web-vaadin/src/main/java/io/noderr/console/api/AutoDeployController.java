package io.noderr.console.api;

import io.noderr.console.rollout.AutoDeployService;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Auto-deploy",
    description = "Per tier, whether a release the signers publish deploys by itself")
@RestController
class AutoDeployController {

  private final AutoDeployService autoDeploy;

  AutoDeployController(AutoDeployService autoDeploy) {
    this.autoDeploy = autoDeploy;
  }

  @Operation(summary = "The auto-deploy policy of every tier")
  @ApiRoles({"ADMIN", "SRE"})
  @GetMapping("/api/v1/auto-deploy")
  List<AutoDeployPolicy> policies() {
    return autoDeploy.policies();
  }

  @Operation(summary = "Turn auto-deploy on or off for a tier, with a preset")
  @ApiRoles("ADMIN")
  @PutMapping("/api/v1/auto-deploy/{tier}")
  AutoDeployPolicy set(
      @PathVariable String tier, @RequestBody @Valid Policy policy, Authentication caller) {
    return autoDeploy.set(tier, policy.enabled(), policy.preset(), caller);
  }

  record Policy(@NotNull Boolean enabled, @Size(max = 40) String preset) {}
}
