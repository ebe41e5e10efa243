package io.noderr.console.onboarding;

import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.console.operator.CreatedOperatorLogin;
import io.noderr.console.operator.OperatorLoginService;
import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.console.trace.ActionSpans;
import io.noderr.http.Secrets;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.onboarding.ApplicationQuery;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import io.noderr.workflows.onboarding.ApproveCommand;
import io.noderr.workflows.onboarding.NodeIds;
import io.noderr.workflows.onboarding.OnboardingInput;
import io.noderr.workflows.onboarding.OnboardingState;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.noderr.workflows.onboarding.ReissueCommand;
import io.noderr.workflows.onboarding.RejectCommand;
import io.noderr.workflows.onboarding.Reviewer;
import io.noderr.workflows.onboarding.TokenGrant;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Node operator applications: submission (public), review decisions (admins) and reading (admins,
 * SREs; an operator login reads its own operator's). Decisions are Updates on the application's
 * OnboardingWorkflow; this facade turns the caller into a {@link Reviewer} and never lets a raw
 * install token reach the workflow or a log.
 */
@Service
public class ApplicationService {

  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(ApplicationService.class);

  private final WorkflowClient client;
  private final Applications applications;
  private final AuditLog audit;
  private final OnboardingProperties properties;
  private final OperatorLoginService operatorLogins;

  ApplicationService(
      WorkflowClient client,
      Applications applications,
      AuditLog audit,
      OnboardingProperties properties,
      OperatorLoginService operatorLogins) {
    this.client = client;
    this.applications = applications;
    this.audit = audit;
    this.properties = properties;
    this.operatorLogins = operatorLogins;
  }

  /** Starts the application's workflow and returns the application id. Anyone may apply. */
  public String submit(ApplicationForm form) {
    String id = NodeIds.APPLICATION_PREFIX + randomSuffix();
    String workflowId = OnboardingWorkflow.workflowId(id);
    ApplicationSubmitted application =
        new ApplicationSubmitted(
            id,
            form.operatorName().strip(),
            form.contact().strip(),
            form.tier(),
            form.region(),
            form.signingAddress().toLowerCase(Locale.ROOT),
            workflowId);
    OnboardingInput input =
        new OnboardingInput(
            application,
            properties.installTokenTtl().toMillis(),
            properties.reviewWindow().toMillis());
    OnboardingWorkflow workflow =
        client.newWorkflowStub(
            OnboardingWorkflow.class, OnboardingWorkflow.startOptions(input).build());
    WorkflowClient.start(workflow::run, input);
    return id;
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public ApplicationPage search(ApplicationQuery query) {
    ApplicationQuery visible = query.within(Callers.scope());
    return new ApplicationPage(applications.count(visible), applications.search(visible));
  }

  /** One page without its total: the console's lazy grid asks for the count separately. */
  @PreAuthorize(Roles.CAN_READ_FLEET)
  public List<ApplicationRow> rows(ApplicationQuery query) {
    return applications.search(query.within(Callers.scope()));
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public int count(ApplicationQuery query) {
    return applications.count(query.within(Callers.scope()));
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public ApplicationDetails details(String applicationId) {
    ApplicationRow row =
        applications
            .find(applicationId, Callers.scope())
            .orElseThrow(() -> new ApplicationNotFoundException(applicationId));
    return new ApplicationDetails(row, liveState(row), audit.recentFor(applicationId, 50));
  }

  /**
   * Approves and returns the install token — the only time it exists outside the node — and the
   * applicant's operator login with its one-time initial password, made once the workflow accepted
   * the approval (see {@link OperatorLoginService#forApprovedApplication}).
   */
  @PreAuthorize("isAuthenticated()")
  public Approval approve(String applicationId, Authentication caller) {
    return ActionSpans.traced(
        "application.approve",
        caller.getName(),
        () -> {
          Reviewer reviewer = reviewerFor(caller, "approve", applicationId);
          Approval approval =
              issueToken(
                  applicationId,
                  "approved",
                  hash -> workflow(applicationId).approve(new ApproveCommand(reviewer, hash)));
          return new Approval(
              approval.applicationId(),
              approval.installToken(),
              approval.expiresAt(),
              applicantLogin(applicationId, caller));
        });
  }

  /**
   * The applicant's login, or null. A database failure here must not lose the install token the
   * approval already issued: the approval stands and an admin makes the login by hand.
   */
  private CreatedOperatorLogin applicantLogin(String applicationId, Authentication caller) {
    try {
      return operatorLogins.forApprovedApplication(applicationId, caller).orElse(null);
    } catch (DataAccessException e) {
      log.warn(
          "application {} approved, but its operator login was not made ({}); an admin can make"
              + " it with POST /api/v1/operators/{id}/logins",
          applicationId,
          e.getClass().getSimpleName());
      return null;
    }
  }

  @PreAuthorize("isAuthenticated()")
  public OnboardingState reject(String applicationId, String reason, Authentication caller) {
    return ActionSpans.traced(
        "application.reject",
        caller.getName(),
        () -> {
          Reviewer reviewer = reviewerFor(caller, "reject", applicationId);
          return WorkflowUpdates.call(
              () -> workflow(applicationId).reject(new RejectCommand(reviewer, reason)),
              () -> closed(applicationId, "rejected"));
        });
  }

  /** Issues a new install token; the previous one stops working at once. */
  @PreAuthorize("isAuthenticated()")
  public Approval reissueToken(String applicationId, Authentication caller) {
    return ActionSpans.traced(
        "application.reissue-token",
        caller.getName(),
        () -> {
          Reviewer reviewer = reviewerFor(caller, "re-issue the install token of", applicationId);
          return issueToken(
              applicationId,
              "given a new install token",
              hash -> workflow(applicationId).reissueToken(new ReissueCommand(reviewer, hash)));
        });
  }

  /**
   * Generates a token here, hands only its hash to the workflow's Update, and returns the token
   * once.
   */
  private Approval issueToken(
      String applicationId, String verb, Function<String, TokenGrant> updateWithHash) {
    String token = Secrets.generate(Secrets.INSTALL_TOKEN);
    TokenGrant grant =
        WorkflowUpdates.call(
            () -> updateWithHash.apply(Secrets.sha256Hex(token)),
            () -> closed(applicationId, verb));
    return new Approval(applicationId, token, Instant.ofEpochMilli(grant.expiresAtMillis()), null);
  }

  /**
   * Only admins decide. Checked here as well as in the workflow's validator so that a refused
   * attempt is audited (a validator rejection leaves no trace in history by design).
   */
  private Reviewer reviewerFor(Authentication caller, String verb, String applicationId) {
    Set<String> roles =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .map(authority -> authority.replaceFirst("^ROLE_", ""))
            .collect(Collectors.toUnmodifiableSet());
    if (!roles.contains(Roles.ADMIN)) {
      audit.append(
          caller.getName(),
          "application.decision-refused",
          applicationId,
          caller.getName() + " tried to " + verb + " it without the ADMIN role",
          OnboardingWorkflow.workflowId(applicationId));
      throw new AccessDeniedException("only admins review applications");
    }
    return new Reviewer(caller.getName(), roles);
  }

  /**
   * Decisions go to the workflow by id, not through the read model: an application approved right
   * after it was submitted may not have its row yet.
   */
  private OnboardingWorkflow workflow(String applicationId) {
    return client.newWorkflowStub(
        OnboardingWorkflow.class, OnboardingWorkflow.workflowId(applicationId));
  }

  private OnboardingState liveState(ApplicationRow row) {
    try {
      return workflow(row.id()).getState();
    } catch (WorkflowException e) {
      return null;
    }
  }

  private ApplicationRow require(String applicationId) {
    return applications
        .find(applicationId)
        .orElseThrow(() -> new ApplicationNotFoundException(applicationId));
  }

  /** Why a decision found no running workflow: the application ended, or never existed. */
  private String closed(String applicationId, String verb) {
    ApplicationRow row = require(applicationId);
    return "the application is "
        + row.status().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " and cannot be "
        + verb;
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      suffix.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
