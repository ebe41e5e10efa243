package io.noderr.console.api;

import io.noderr.console.onboarding.ApplicationDetails;
import io.noderr.console.onboarding.ApplicationForm;
import io.noderr.console.onboarding.ApplicationNotFoundException;
import io.noderr.console.onboarding.ApplicationPage;
import io.noderr.console.onboarding.ApplicationService;
import io.noderr.console.onboarding.Approval;
import io.noderr.http.Params;
import io.noderr.registry.Tier;
import io.noderr.registry.onboarding.ApplicationQuery;
import io.noderr.workflows.onboarding.OnboardingStage;
import io.noderr.workflows.onboarding.OnboardingState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/applications}: node operators apply (public, rate-limited); admins approve, reject
 * and re-issue install tokens; admins and SREs read, an operator login reads its own operator's.
 */
@Tag(
    name = "Applications",
    description =
        "Node onboarding: operators apply (public, rate-limited), admins approve or reject")
@RestController
@RequestMapping("/api/v1/applications")
class ApplicationController {

  private static final Pattern APPLICATION_ID = Pattern.compile("app-[a-z0-9]{10}");

  private final ApplicationService applications;

  ApplicationController(ApplicationService applications) {
    this.applications = applications;
  }

  @Operation(summary = "Apply to run a node (public, rate-limited; 201 with the application id)")
  @ApiRoles(ApiRoles.ANONYMOUS)
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> apply(@Valid @RequestBody ApplicationForm form) {
    return Map.of("id", applications.submit(form), "status", OnboardingStage.IN_REVIEW.name());
  }

  @Operation(summary = "List applications, filtered and paged")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's applications")
  @GetMapping
  ApplicationPage list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size) {
    int pageNumber = Params.integer("page", page, 0, 1_000_000);
    int pageSize = Params.integer("size", size, 1, 500);
    OnboardingStage stage = Params.enumValue("status", status, OnboardingStage.class);
    Tier tierValue = Params.enumValue("tier", tier, Tier.class);
    return applications.search(
        new ApplicationQuery(
            stage == null ? null : stage.name(),
            tierValue == null ? null : tierValue.name(),
            q,
            pageNumber * pageSize,
            pageSize));
  }

  @Operation(summary = "One application with its onboarding state and audit trail")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's applications (another's is 404)")
  @GetMapping("/{id}")
  ApplicationDetails get(@PathVariable String id) {
    return applications.details(known(id));
  }

  /** The answer's {@code installToken} is shown once; the platform keeps only its hash. */
  @Operation(summary = "Approve an application; the install token is shown once in the answer")
  @ApiRoles("ADMIN")
  @PostMapping("/{id}/approve")
  Approval approve(@PathVariable String id, Authentication caller) {
    return applications.approve(known(id), caller);
  }

  @Operation(summary = "Reject an application with a reason")
  @ApiRoles("ADMIN")
  @PostMapping("/{id}/reject")
  OnboardingState reject(
      @PathVariable String id, @Valid @RequestBody Rejection rejection, Authentication caller) {
    return applications.reject(known(id), rejection.reason(), caller);
  }

  /** Issues a new install token; the previous one stops working. */
  @Operation(summary = "Issue a new install token; the previous one stops working")
  @ApiRoles("ADMIN")
  @PostMapping("/{id}/install-token")
  Approval reissue(@PathVariable String id, Authentication caller) {
    return applications.reissueToken(known(id), caller);
  }

  record Rejection(@NotBlank @Size(max = 500) String reason) {}

  private static String known(String id) {
    if (!APPLICATION_ID.matcher(id).matches()) {
      throw new ApplicationNotFoundException(id);
    }
    return id;
  }
}
