package io.noderr.worker.onboarding;

import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.InstallToken;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.workflows.onboarding.OnboardingInput;
import io.noderr.workflows.onboarding.OnboardingInput.Resumption;
import io.noderr.workflows.onboarding.OnboardingStage;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts an application's onboarding workflow again, on the same id, from what the registry keeps
 * when Temporal lost it: an application in review stays in review (until its review deadline), an
 * approved one awaits its registration with the same install token (hash and expiry). So a restart
 * of the embedded Temporal server leaves every application approvable and registrable.
 */
@Component
public class OnboardingResumer {

  private final WorkflowClient client;
  private final Applications applications;
  private final InstallTokens tokens;
  private final OnboardingWindows windows;
  private final AuditLog audit;

  public OnboardingResumer(
      WorkflowClient client,
      Applications applications,
      InstallTokens tokens,
      OnboardingWindows windows,
      AuditLog audit) {
    this.client = client;
    this.applications = applications;
    this.tokens = tokens;
    this.windows = windows;
    this.audit = audit;
  }

  /**
   * @return false when {@code lost} is not an onboarding run, or its application is in no state to
   *     resume from (then the run stays lost)
   */
  public boolean resume(WorkflowRun lost) {
    if (!OnboardingWorkflow.TYPE.equals(lost.workflowType())) {
      return false;
    }
    Optional<ApplicationRow> found = applications.find(lost.subject());
    Optional<Resumption> resumption = found.flatMap(this::resumption);
    if (resumption.isEmpty()) {
      return false;
    }
    ApplicationRow application = found.get();
    OnboardingInput input =
        new OnboardingInput(
            new ApplicationSubmitted(
                application.id(),
                application.operatorName(),
                application.contact(),
                application.tier(),
                application.region(),
                application.signingAddress(),
                lost.workflowId()),
            windows.installTokenTtl().toMillis(),
            windows.reviewWindow().toMillis(),
            resumption.get());
    OnboardingWorkflow workflow =
        client.newWorkflowStub(
            OnboardingWorkflow.class, OnboardingWorkflow.startOptions(input).build());
    try {
      WorkflowClient.start(workflow::run, input);
    } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
      return true;
    }
    audit.append(
        AuditLog.SYSTEM,
        "application.resumed",
        application.id(),
        "Temporal no longer knew the workflow (server restarted without persistence); started"
            + " again "
            + describe(resumption.get()),
        lost.workflowId());
    return true;
  }

  private Optional<Resumption> resumption(ApplicationRow application) {
    return switch (application.status()) {
      case "IN_REVIEW" ->
          Optional.of(
              Resumption.inReview(
                  application.createdAt().plus(windows.reviewWindow()).toEpochMilli()));
      case "APPROVED" ->
          tokens
              .liveTokenHash(application.id())
              .flatMap(
                  hash ->
                      tokens
                          .find(hash)
                          .map(InstallToken::expiresAt)
                          .map(
                              expiresAt ->
                                  Resumption.approved(
                                      application.reviewedBy(), hash, expiresAt.toEpochMilli())));
      default -> Optional.empty();
    };
  }

  private static String describe(Resumption resumption) {
    return resumption.stage() == OnboardingStage.APPROVED
        ? "approved, awaiting registration with the same install token (valid until "
            + Instant.ofEpochMilli(resumption.tokenExpiresAtMillis())
            + ")"
        : "in review (until " + Instant.ofEpochMilli(resumption.reviewDeadlineMillis()) + ")";
  }
}
