package io.noderr.worker.onboarding;

import io.noderr.activities.onboarding.ApplicationClosed;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeRegistration;
import io.noderr.activities.onboarding.OnboardingActivities;
import io.noderr.activities.onboarding.StakeVerdict;
import io.noderr.activities.onboarding.StepRecorded;
import io.noderr.activities.onboarding.TokenIssued;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.signing.Address;
import io.noderr.worker.governance.StakeStanding;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The onboarding workflow's registry writes; each one with its audit entry, idempotently. */
@Component
public class OnboardingRecorder implements OnboardingActivities {

  private final Applications applications;
  private final InstallTokens tokens;
  private final NodeRegistrar registrar;
  private final WorkflowRuns runs;
  private final AuditLog audit;
  private final OnboardingMeters meters;
  private final ObjectProvider<StakeStanding> stakes;

  OnboardingRecorder(
      Applications applications,
      InstallTokens tokens,
      NodeRegistrar registrar,
      WorkflowRuns runs,
      AuditLog audit,
      OnboardingMeters meters,
      ObjectProvider<StakeStanding> stakes) {
    this.applications = applications;
    this.tokens = tokens;
    this.registrar = registrar;
    this.runs = runs;
    this.audit = audit;
    this.meters = meters;
    this.stakes = stakes;
  }

  @Override
  @Transactional
  public StepRecorded recordApplication(ApplicationSubmitted application) {
    boolean first =
        applications.insert(
            new ApplicationRow(
                application.applicationId(),
                application.operatorName(),
                application.contact(),
                application.tier(),
                application.region(),
                application.signingAddress(),
                "IN_REVIEW",
                null,
                null,
                null,
                application.workflowId(),
                null,
                null));
    if (first) {
      meters.step("submitted");
      runs.started(
          application.workflowId(),
          OnboardingWorkflow.TYPE,
          application.applicationId(),
          application.operatorName());
      audit.append(
          application.operatorName(),
          "application.submitted",
          application.applicationId(),
          "tier " + application.tier() + ", region " + application.region(),
          application.workflowId());
    }
    return new StepRecorded(application.applicationId(), first);
  }

  @Override
  @Transactional
  public StepRecorded recordTokenIssued(TokenIssued issued) {
    // A closed application gets no live token, whatever order the writes arrive in.
    if (applications.find(issued.applicationId()).map(ApplicationRow::closed).orElse(false)) {
      return new StepRecorded(issued.applicationId(), false);
    }
    boolean first =
        tokens.issue(
            issued.tokenHash(),
            issued.applicationId(),
            issued.tier(),
            issued.reviewer(),
            Instant.ofEpochMilli(issued.expiresAtMillis()));
    if (first) {
      applications.moveTo(issued.applicationId(), "APPROVED", issued.reviewer(), null, null);
      meters.step(issued.reissue() ? "reissued" : "approved");
      audit.append(
          issued.reviewer(),
          issued.reissue() ? "install-token.reissued" : "application.approved",
          issued.applicationId(),
          "install token valid until " + Instant.ofEpochMilli(issued.expiresAtMillis()),
          issued.workflowId());
    }
    return new StepRecorded(issued.applicationId(), first);
  }

  @Override
  @Transactional
  public StepRecorded recordClosed(ApplicationClosed closed) {
    String status = closed.outcome().name();
    tokens.revokeLive(closed.applicationId());
    // An expiry keeps the name of the admin who approved; "system" is only the audit's actor.
    String reviewer = closed.outcome() == ApplicationClosed.Outcome.EXPIRED ? null : closed.actor();
    boolean first =
        applications.moveTo(closed.applicationId(), status, reviewer, closed.reason(), null);
    if (first) {
      runs.ended(closed.workflowId(), WorkflowRunStatus.COMPLETED, status + ": " + closed.reason());
      meters.step(status.toLowerCase());
      audit.append(
          closed.actor(),
          "application." + status.toLowerCase(),
          closed.applicationId(),
          closed.reason(),
          closed.workflowId());
    }
    return new StepRecorded(closed.applicationId(), first);
  }

  @Override
  public StepRecorded registerNode(NodeRegistration registration) {
    StepRecorded registered = registrar.register(registration);
    if (registered.firstTime()) {
      meters.step("registered");
    }
    return registered;
  }

  /** Governance off (no StakeStanding): there is no stake to check, every applicant is covered. */
  @Override
  public StakeVerdict checkApplicantStake(ApplicationSubmitted application) {
    StakeStanding standing = stakes.getIfAvailable();
    if (standing == null) {
      return StakeVerdict.covered();
    }
    if (application.signingAddress() == null || application.signingAddress().isBlank()) {
      return new StakeVerdict("the application names no signing address whose stake to check");
    }
    try {
      return new StakeVerdict(
          standing
              .of(Address.of(application.signingAddress()), Tier.valueOf(application.tier()))
              .shortfall());
    } catch (IOException e) {
      // Retried by the workflow's stake check options until they give up.
      throw new UncheckedIOException("the operator's stake cannot be read from the chain", e);
    }
  }
}
