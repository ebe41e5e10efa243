package io.noderr.workflows.onboarding;

import io.noderr.activities.onboarding.ApplicationClosed;
import io.noderr.activities.onboarding.ApplicationClosed.Outcome;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeRegistration;
import io.noderr.activities.onboarding.OnboardingActivities;
import io.noderr.activities.onboarding.StakeVerdict;
import io.noderr.activities.onboarding.TokenIssued;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.onboarding.OnboardingInput.Resumption;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;

public class OnboardingWorkflowImpl implements OnboardingWorkflow {

  private static final Logger log = Workflow.getLogger(OnboardingWorkflowImpl.class);

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Error type of a registration the registry refuses (e.g. the TPM already has a node). */
  public static final String REGISTRATION_REFUSED = "RegistrationRefused";

  /**
   * Registry writes are idempotent, so they retry until the database is back; a refusal by the
   * registry itself is non-retryable and reaches the registering node as the reason.
   */
  static final ActivityOptions REGISTRY_OPTIONS =
      PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30), REGISTRATION_REFUSED);

  /** Error type of a decision whose state moved on while it waited for an earlier one. */
  static final String DECISION_REFUSED = "DecisionRefused";

  private final OnboardingActivities registry =
      Workflow.newActivityStub(OnboardingActivities.class, REGISTRY_OPTIONS);

  /** Error type of an approval refused because the operator's stake falls short. */
  public static final String STAKE_SHORTFALL = "StakeShortfall";

  /**
   * The stake check answers a waiting reviewer: it gives up after a minute (the chain unreachable)
   * and the approval fails with the reason rather than hanging for the registry's half hour.
   */
  static final ActivityOptions STAKE_CHECK_OPTIONS =
      ActivityOptions.newBuilder(REGISTRY_OPTIONS)
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .build();

  private final OnboardingActivities stakes =
      Workflow.newActivityStub(OnboardingActivities.class, STAKE_CHECK_OPTIONS);

  /**
   * Decisions run one at a time: each writes to the registry, and a second one accepted while the
   * first is still writing (approve then reject, say) must see the first one's outcome, not
   * interleave with it.
   */
  private final WorkflowLock decisions = Workflow.newWorkflowLock();

  private final ApplicationSubmitted application;
  private final long tokenTtlMillis;
  private boolean applicationRecorded;
  private OnboardingStage stage = OnboardingStage.IN_REVIEW;
  private String reviewer;
  private String reason;
  private String tokenHash;
  private long tokenExpiresAtMillis;
  private int tokensIssued;
  private String nodeId;

  /** Stage, node id and summary in the Temporal UI; set first thing in {@link #run}. */
  private VisibleProgress visible;

  /** Update handlers may run before {@link #run}; they need the application from the start. */
  @WorkflowInit
  public OnboardingWorkflowImpl(OnboardingInput input) {
    this.application = input.application();
    this.tokenTtlMillis = input.tokenTtlMillis();
  }

  @Override
  public OnboardingResult run(OnboardingInput input) {
    visible =
        new VisibleProgress(
            OnboardingStage.IN_REVIEW.name(), OnboardingWorkflow.summary(application));
    Resumption resumed = resumption(input);
    if (resumed != null) {
      takeUp(resumed);
    }
    registry.recordApplication(application);
    applicationRecorded = true;

    boolean reviewed;
    if (resumed == null) {
      reviewed =
          Workflow.await(
              Duration.ofMillis(input.reviewWindowMillis()),
              () -> stage != OnboardingStage.IN_REVIEW);
    } else {
      reviewed = awaitRestOfReview(resumed);
    }
    if (!reviewed) {
      expire(
          "not reviewed within " + Duration.ofMillis(input.reviewWindowMillis()).toHours() + " h");
    }
    awaitRegistrationOrExpiry();

    // Handlers still writing (a rejection, a registration) finish before the run completes.
    Workflow.await(Workflow::isEveryHandlerFinished);
    showProgress();
    log.info("application {} ended {}", application.applicationId(), stage);
    return new OnboardingResult(application.applicationId(), stage, nodeId, reason);
  }

  /**
   * What a restarted application carries over; null for a new one. Behind a version marker so the
   * histories of applications submitted before resumption existed replay unchanged.
   */
  private static Resumption resumption(OnboardingInput input) {
    if (input.resumedFrom() == null
        || Workflow.getVersion("resume-from-registry", Workflow.DEFAULT_VERSION, 1) < 1) {
      return null;
    }
    return input.resumedFrom();
  }

  /**
   * Takes up where the lost workflow stood: an approved application gets its live token back (the
   * same hash, the same expiry), so the node that holds it can still register.
   */
  private void takeUp(Resumption resumed) {
    if (resumed.stage() == OnboardingStage.APPROVED) {
      stage = OnboardingStage.APPROVED;
      reviewer = resumed.reviewer();
      tokenHash = resumed.tokenHash();
      tokenExpiresAtMillis = resumed.tokenExpiresAtMillis();
      tokensIssued = 1;
    }
  }

  /** An application still in review waits for what is left of its review window. */
  private boolean awaitRestOfReview(Resumption resumed) {
    long left = resumed.reviewDeadlineMillis() - Workflow.currentTimeMillis();
    return stage != OnboardingStage.IN_REVIEW
        || left > 0
            && Workflow.await(Duration.ofMillis(left), () -> stage != OnboardingStage.IN_REVIEW);
  }

  /**
   * While approved, the live token's expiry is the deadline; a re-issue moves it, a registration in
   * flight holds it (if the registration fails the token is still good until it expires).
   */
  private void awaitRegistrationOrExpiry() {
    while (true) {
      showProgress();
      if (stage == OnboardingStage.REGISTERING) {
        Workflow.await(() -> stage != OnboardingStage.REGISTERING);
      } else if (stage == OnboardingStage.APPROVED) {
        int generation = tokensIssued;
        long remaining = tokenExpiresAtMillis - Workflow.currentTimeMillis();
        boolean changed =
            remaining > 0
                && Workflow.await(
                    Duration.ofMillis(remaining),
                    () -> stage != OnboardingStage.APPROVED || tokensIssued != generation);
        if (!changed) {
          expire("install token expired unused");
        }
      } else {
        return;
      }
    }
  }

  /** Expires the application unless a decision that ran first (under the lock) closed it. */
  private void expire(String why) {
    decisions.lock();
    try {
      if (stage != OnboardingStage.IN_REVIEW && stage != OnboardingStage.APPROVED) {
        return;
      }
      stage = OnboardingStage.EXPIRED;
      reason = why;
      tokenHash = null;
      registry.recordClosed(
          new ApplicationClosed(
              application.applicationId(), Outcome.EXPIRED, "system", why, workflowId()));
    } finally {
      decisions.unlock();
    }
  }

  /**
   * Decisions change the stage in their handlers; the main loop, woken by each change, shows it
   * here (and the node's id once registered).
   */
  private void showProgress() {
    if (nodeId != null) {
      visible.showNodes(List.of(nodeId));
    }
    String summary = OnboardingWorkflow.summary(application);
    if (stage == OnboardingStage.REGISTERED) {
      summary += ": registered as node " + nodeId;
    } else if (reason != null) {
      summary += ": " + stage + " (" + reason + ")";
    }
    visible.show(stage.name(), summary);
  }

  @Override
  public TokenGrant approve(ApproveCommand command) {
    return decide(
        () -> {
          requireStillIn("approved", OnboardingStage.IN_REVIEW);
          requireStake();
          stage = OnboardingStage.APPROVED;
          reviewer = command.reviewer().name();
          return issue(command.tokenHash(), false);
        });
  }

  @Override
  public void validateApprove(ApproveCommand command) {
    requireReviewer(command.reviewer());
    requireTokenHash(command.tokenHash());
    requireStage(OnboardingStage.IN_REVIEW, "approved");
  }

  @Override
  public OnboardingState reject(RejectCommand command) {
    return decide(
        () -> {
          requireStillIn("rejected", OnboardingStage.IN_REVIEW, OnboardingStage.APPROVED);
          stage = OnboardingStage.REJECTED;
          reviewer = command.reviewer().name();
          reason = command.reason().strip();
          tokenHash = null;
          registry.recordClosed(
              new ApplicationClosed(
                  application.applicationId(), Outcome.REJECTED, reviewer, reason, workflowId()));
          return getState();
        });
  }

  @Override
  public void validateReject(RejectCommand command) {
    requireReviewer(command.reviewer());
    if (command.reason() == null || command.reason().isBlank()) {
      throw refused("a rejection needs a reason");
    }
    if (command.reason().length() > 500) {
      throw refused("the reason is longer than 500 characters");
    }
    if (stage != OnboardingStage.IN_REVIEW && stage != OnboardingStage.APPROVED) {
      throw refused("the application is " + describeStage() + " and can no longer be rejected");
    }
  }

  @Override
  public TokenGrant reissueToken(ReissueCommand command) {
    return decide(
        () -> {
          requireStillIn("given a new install token", OnboardingStage.APPROVED);
          reviewer = command.reviewer().name();
          return issue(command.tokenHash(), true);
        });
  }

  @Override
  public void validateReissueToken(ReissueCommand command) {
    requireReviewer(command.reviewer());
    requireTokenHash(command.tokenHash());
    requireStage(OnboardingStage.APPROVED, "given a new install token");
  }

  private TokenGrant issue(String hash, boolean reissue) {
    long expiresAtMillis = Workflow.currentTimeMillis() + tokenTtlMillis;
    tokenHash = hash;
    tokenExpiresAtMillis = expiresAtMillis;
    tokensIssued++;
    registry.recordTokenIssued(
        new TokenIssued(
            application.applicationId(),
            application.tier(),
            hash,
            expiresAtMillis,
            reviewer,
            reissue,
            workflowId()));
    return new TokenGrant(application.applicationId(), expiresAtMillis);
  }

  @Override
  public RegistrationAccepted register(RegisterCommand command) {
    return decide(() -> registerNode(command));
  }

  private RegistrationAccepted registerNode(RegisterCommand command) {
    String stillValid = registrationRefusal(command);
    if (stillValid != null) {
      throw ApplicationFailure.newFailure(stillValid, REGISTRATION_REFUSED);
    }
    stage = OnboardingStage.REGISTERING;
    String candidate = NodeIds.forApplication(application.region(), application.applicationId());
    try {
      registry.registerNode(
          new NodeRegistration(
              application.applicationId(),
              candidate,
              application.operatorName(),
              application.contact(),
              application.tier(),
              application.region(),
              application.signingAddress(),
              command.tokenHash(),
              command.identity(),
              workflowId()));
    } catch (ActivityFailure failure) {
      stage = OnboardingStage.APPROVED;
      String why =
          failure.getCause() instanceof ApplicationFailure refusal
              ? refusal.getOriginalMessage()
              : "the registry could not store the node";
      throw ApplicationFailure.newFailure(why, REGISTRATION_REFUSED);
    }
    nodeId = candidate;
    tokenHash = null;
    stage = OnboardingStage.REGISTERED;
    return new RegistrationAccepted(application.applicationId(), nodeId);
  }

  @Override
  public void validateRegister(RegisterCommand command) {
    String refusal = registrationRefusal(command);
    if (refusal != null) {
      throw refused(refusal);
    }
  }

  /** Why this registration cannot be accepted now, or null. */
  private String registrationRefusal(RegisterCommand command) {
    if (stage == OnboardingStage.REGISTERED || stage == OnboardingStage.REGISTERING) {
      return "install token already used";
    }
    if (stage != OnboardingStage.APPROVED) {
      return "the application is " + describeStage() + "; its install token is not valid";
    }
    if (command.tokenHash() == null || !command.tokenHash().equals(tokenHash)) {
      return "install token was replaced by a newer one";
    }
    if (Workflow.currentTimeMillis() >= tokenExpiresAtMillis) {
      return "install token expired";
    }
    if (!application.tier().equals(command.tier())) {
      return "install token is for tier " + application.tier() + ", not " + command.tier();
    }
    if (command.identity() == null || command.identity().keyKind() == null) {
      return "the registration carries no identity";
    }
    if (!command.identity().attested() && !"ALL".equals(application.tier())) {
      return "tier "
          + application.tier()
          + " needs a TPM-attested node; software keys are not enough";
    }
    return null;
  }

  @Override
  public OnboardingState getState() {
    return new OnboardingState(stage, reviewer, tokenExpiresAtMillis, tokensIssued, nodeId, reason);
  }

  /**
   * Runs a decision alone, once the application is in the registry. The validator accepted it
   * against the state of that moment; a decision that waited re-checks with {@link
   * #requireStillIn}.
   */
  private <T> T decide(Supplier<T> decision) {
    decisions.lock();
    try {
      Workflow.await(() -> applicationRecorded);
      return decision.get();
    } finally {
      decisions.unlock();
    }
  }

  /**
   * While governance is on, only an operator already staking the tier's minimum is approved. Behind
   * a version marker: approvals recorded before stake enforcement replay without the check.
   */
  private void requireStake() {
    if (Workflow.getVersion("stake-on-approval", Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    StakeVerdict verdict = stakes.checkApplicantStake(application);
    if (!verdict.passed()) {
      throw ApplicationFailure.newFailure(
          verdict.shortfall() + ": the operator stakes first, then the application is approved",
          STAKE_SHORTFALL);
    }
  }

  private void requireStillIn(String verb, OnboardingStage... allowed) {
    if (!List.of(allowed).contains(stage)) {
      throw ApplicationFailure.newFailure(
          "the application is " + describeStage() + " and can no longer be " + verb,
          DECISION_REFUSED);
    }
  }

  private void requireReviewer(Reviewer who) {
    if (who == null || who.name() == null || who.name().isBlank()) {
      throw refused("the decision names no reviewer");
    }
    if (!who.mayReview()) {
      throw refused(who.name() + " is not an admin; only admins review applications");
    }
  }

  private static void requireTokenHash(String hash) {
    if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
      throw refused("the install token hash must be 64 lowercase hex characters");
    }
  }

  private void requireStage(OnboardingStage expected, String verb) {
    if (stage != expected) {
      throw refused("the application is " + describeStage() + " and cannot be " + verb);
    }
  }

  private String describeStage() {
    return stage.name().toLowerCase().replace('_', ' ');
  }

  private String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }

  /** Validator refusals reach the caller as the update's failure message. */
  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
