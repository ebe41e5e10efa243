package io.noderr.console.api;

import io.noderr.console.rollout.DeploymentForm;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.rollout.DeploymentService;
import io.noderr.console.rollout.DeploymentService.Verb;
import io.noderr.http.Params;
import io.noderr.workflows.rollout.RolloutState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/deployments}: staged rollouts (start 202 + id, read, steer). A whole tier back to
 * a version at once is an emergency rollback, which only the signers' quorum starts ({@code
 * /api/v1/emergencies}).
 */
@Tag(
    name = "Deployments",
    description =
        "Staged rollouts of a published version: start, read, steer (pause, resume, promote, retry, abort, rollback)")
@RestController
class DeploymentController {

  private static final java.util.regex.Pattern DEPLOYMENT_ID =
      java.util.regex.Pattern.compile("rollout-[A-Z+]{3,30}-[0-9A-Za-z.+-]{5,80}");

  private final DeploymentService deployments;

  DeploymentController(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @Operation(
      summary = "Start a staged deployment of a published version (202 with the deployment id)")
  @ApiRoles("ADMIN")
  @PostMapping("/api/v1/deployments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> start(@Valid @RequestBody DeploymentForm form, Authentication caller) {
    return Map.of("id", deployments.start(form, caller));
  }

  @Operation(summary = "A deployment's state: stage, counts, gate numbers")
  @ApiRoles({"ADMIN", "SRE"})
  @GetMapping("/api/v1/deployments/{id}")
  RolloutState get(@PathVariable String id) {
    return deployments.state(known(id));
  }

  @Operation(summary = "Steer a deployment: pause, resume, promote, retry, abort or rollback")
  @ApiRoles("ADMIN")
  @PostMapping("/api/v1/deployments/{id}/{verb}")
  RolloutState act(
      @PathVariable String id,
      @PathVariable String verb,
      @RequestBody(required = false) Reason reason,
      Authentication caller) {
    Verb known = Params.requiredEnumValue("verb", verb, Verb.class);
    return deployments.act(
        known(id),
        known,
        reason == null ? null : reason.reason(),
        reason != null && Boolean.TRUE.equals(reason.forceLocks()),
        caller);
  }

  /** {@code forceLocks}: retry only — take over update locks other updates hold (audited). */
  record Reason(@Size(max = 500) String reason, Boolean forceLocks) {}

  private static String known(String id) {
    if (!DEPLOYMENT_ID.matcher(id).matches()) {
      throw new DeploymentNotFoundException(id);
    }
    return id;
  }
}
