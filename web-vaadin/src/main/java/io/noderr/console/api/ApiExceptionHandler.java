package io.noderr.console.api;

import io.noderr.console.alert.AlertConflictException;
import io.noderr.console.alert.AlertNotFoundException;
import io.noderr.console.alert.InvalidAlertRequestException;
import io.noderr.console.emergency.EmergencyNotFoundException;
import io.noderr.console.emergency.EmergencyRefusedException;
import io.noderr.console.emergency.InvalidEmergencyException;
import io.noderr.console.fleet.NodeNotFoundException;
import io.noderr.console.governance.GovernanceOffException;
import io.noderr.console.governance.GovernanceRefusedException;
import io.noderr.console.governance.ProposalNotFoundException;
import io.noderr.console.onboarding.ApplicationNotFoundException;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.operator.OperatorLoginRefusedException;
import io.noderr.console.release.InvalidReleaseException;
import io.noderr.console.release.ReleaseNotFoundException;
import io.noderr.console.release.ReleaseRefusedException;
import io.noderr.console.rewards.RewardEpochNotFoundException;
import io.noderr.console.rollout.DeploymentConflictException;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.rollout.DeploymentUnavailableException;
import io.noderr.console.rollout.InvalidDeploymentException;
import io.noderr.console.slashing.DisputeNotFoundException;
import io.noderr.console.slashing.DisputeRefusedException;
import io.noderr.console.token.ApiTokenNotFoundException;
import io.noderr.console.token.ApiTokenRefusedException;
import io.noderr.http.MalformedRequests;
import io.noderr.http.ProblemAnswers;
import io.noderr.registry.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The console API's refusals as RFC 9457 problem answers (the shared ones are in {@link
 * ProblemAnswers}): missing things are 404, decisions the workflows refuse are 409.
 */
@RestControllerAdvice(basePackages = "io.noderr.console.api")
class ApiExceptionHandler extends ProblemAnswers {

  private final MalformedRequests malformedRequests;

  ApiExceptionHandler(AuditLog audit) {
    this.malformedRequests = new MalformedRequests(audit, "/api/v1/applications"::equals);
  }

  @Override
  protected void malformed(WebRequest request, String detail) {
    malformedRequests.record(request, detail);
  }

  @ExceptionHandler(InvalidAlertRequestException.class)
  ProblemDetail invalidAlertRequest(InvalidAlertRequestException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(AlertConflictException.class)
  ProblemDetail alertConflict(AlertConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(InvalidReleaseException.class)
  ProblemDetail invalidRelease(InvalidReleaseException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(InvalidEmergencyException.class)
  ProblemDetail invalidEmergency(InvalidEmergencyException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(EmergencyRefusedException.class)
  ProblemDetail emergencyRefused(EmergencyRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(InvalidDeploymentException.class)
  ProblemDetail invalidDeployment(InvalidDeploymentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(DeploymentConflictException.class)
  ProblemDetail deploymentConflict(DeploymentConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(DeploymentUnavailableException.class)
  ResponseEntity<ProblemDetail> deploymentUnavailable(DeploymentUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  @ExceptionHandler(ReleaseRefusedException.class)
  ProblemDetail releaseRefused(ReleaseRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler({
    NodeNotFoundException.class,
    ApplicationNotFoundException.class,
    ReleaseNotFoundException.class,
    DeploymentNotFoundException.class,
    ApiTokenNotFoundException.class,
    EmergencyNotFoundException.class,
    AlertNotFoundException.class,
    ProposalNotFoundException.class,
    RewardEpochNotFoundException.class,
    DisputeNotFoundException.class
  })
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /** The workflow refused the decision in its current state (already approved, expired, ...). */
  @ExceptionHandler(DecisionRefusedException.class)
  ProblemDetail conflict(DecisionRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(OperatorLoginRefusedException.class)
  ProblemDetail operatorLoginRefused(OperatorLoginRefusedException e) {
    return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
  }

  @ExceptionHandler({
    GovernanceOffException.class,
    GovernanceRefusedException.class,
    DisputeRefusedException.class
  })
  ProblemDetail governanceConflict(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(ApiTokenRefusedException.class)
  ProblemDetail tokenRefused(ApiTokenRefusedException e) {
    return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
  }
}
