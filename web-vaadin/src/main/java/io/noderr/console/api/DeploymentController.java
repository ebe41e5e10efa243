package io.noderr.console.api;

import io.noderr.console.rollout.DeploymentForm;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.rollout.DeploymentService;
import io.noderr.console.rollout.DeploymentService.Verb;
import io.noderr.http.Params;
import io.noderr.http.TierNames;
import io.noderr.workflows.rollout.RolloutState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
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
 * {@code /api/v1/deployments}: staged rollouts (start 202 + id, read, steer) and {@code
 * /api/v1/rollbacks}: a whole tier back to a version at once.
 */
@RestController
class DeploymentController {

  private static final java.util.regex.Pattern DEPLOYMENT_ID =
      java.util.regex.Pattern.compile("rollout-[A-Z+]{3,30}-[0-9A-Za-z.+-]{5,80}");

  private final DeploymentService deployments;

  DeploymentController(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @PostMapping("/api/v1/deployments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> start(@Valid @RequestBody DeploymentForm form, Authentication caller) {
    return Map.of("id", deployments.start(form, caller));
  }

  @GetMapping("/api/v1/deployments/{id}")
  RolloutState get(@PathVariable String id) {
    return deployments.state(known(id));
  }

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

  @PostMapping("/api/v1/rollbacks")
  @ResponseStatus(HttpStatus.ACCEPTED)
  DeploymentService.EmergencyRollback rollback(
      @Valid @RequestBody EmergencyRollback request, Authentication caller) {
    return deployments.rollback(
        request.targetTiers(),
        request.toVersion(),
        request.imageDigest(),
        request.reason(),
        caller);
  }

  /** {@code forceLocks}: retry only — take over update locks other updates hold (audited). */
  record Reason(@Size(max = 500) String reason, Boolean forceLocks) {}

  /**
   * {@code tier} or {@code tiers}: what to roll back (one of them); {@code reason} goes to the
   * audit log.
   */
  record EmergencyRollback(
      @Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String tier,
      @Size(max = 3)
          List<@Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String> tiers,
      @NotBlank @Size(max = 64) String toVersion,
      @Size(max = 80) String imageDigest,
      @NotBlank @Size(max = 500) String reason) {

    @AssertTrue(message = "or tiers must name what to roll back (one of them, not both)")
    boolean isTier() {
      return (tier == null) != (tiers == null || tiers.isEmpty());
    }

    List<String> targetTiers() {
      return tier == null ? tiers : List.of(tier);
    }
  }

  private static String known(String id) {
    if (!DEPLOYMENT_ID.matcher(id).matches()) {
      throw new DeploymentNotFoundException(id);
    }
    return id;
  }
}
