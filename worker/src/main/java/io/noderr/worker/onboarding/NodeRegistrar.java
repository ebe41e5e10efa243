package io.noderr.worker.onboarding;

import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.NodeRegistration;
import io.noderr.activities.onboarding.StepRecorded;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.identity.StoredIdentity;
import io.noderr.registry.onboarding.Applications;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a registered node: operator, node (ACTIVE), identity, consumed token, application
 * REGISTERED and the audit entry, in one transaction.
 */
@Component
class NodeRegistrar {

  private final JdbcTemplate jdbc;
  private final Applications applications;
  private final InstallTokens tokens;
  private final NodeIdentities identities;
  private final WorkflowRuns runs;
  private final AuditLog audit;

  NodeRegistrar(
      JdbcTemplate jdbc,
      Applications applications,
      InstallTokens tokens,
      NodeIdentities identities,
      WorkflowRuns runs,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.applications = applications;
    this.tokens = tokens;
    this.identities = identities;
    this.runs = runs;
    this.audit = audit;
  }

  @Transactional
  StepRecorded register(NodeRegistration registration) {
    if (nodeExists(registration.nodeId())) {
      return new StepRecorded(registration.applicationId(), false);
    }
    NodeIdentity identity = registration.identity();
    if (identity.ekCertificateSha256() != null
        && identities.ekInUse(identity.ekCertificateSha256())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this TPM is already registered as another node",
          OnboardingWorkflowImpl.REGISTRATION_REFUSED);
    }
    if (!tokens.consume(registration.tokenHash(), registration.applicationId())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "install token is no longer valid", OnboardingWorkflowImpl.REGISTRATION_REFUSED);
    }
    String operatorId = registration.signingAddress().toLowerCase(Locale.ROOT);
    jdbc.update(
        "INSERT INTO operators (id, name, contact) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
        operatorId,
        registration.operatorName(),
        registration.contact());
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status, attestation_status)"
            + " VALUES (?, ?, ?, ?, 'ACTIVE', ?)",
        registration.nodeId(),
        operatorId,
        registration.tier(),
        registration.region(),
        identity.attested() ? "ATTESTED" : "UNATTESTED");
    identities.insert(
        new StoredIdentity(
            registration.nodeId(),
            identity.keyKind().name(),
            identity.akPublic(),
            identity.akName(),
            identity.ekPublic(),
            identity.ekCertificateSha256(),
            identity.pcrValues()));
    applications.moveTo(
        registration.applicationId(), "REGISTERED", null, null, registration.nodeId());
    runs.ended(
        registration.workflowId(),
        WorkflowRunStatus.COMPLETED,
        "REGISTERED as node " + registration.nodeId());
    String detail =
        identity.attested()
            ? "TPM-attested; EK certificate sha256 " + identity.ekCertificateSha256()
            : "software key; unattested";
    audit.append(
        registration.nodeId(),
        "node.registered",
        registration.nodeId(),
        detail + "; application " + registration.applicationId(),
        registration.workflowId());
    audit.append(
        registration.nodeId(),
        "application.registered",
        registration.applicationId(),
        "node " + registration.nodeId(),
        registration.workflowId());
    return new StepRecorded(registration.applicationId(), true);
  }

  private boolean nodeExists(String nodeId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM nodes WHERE id = ?)", Boolean.class, nodeId));
  }
}
