package io.noderr.console.rollout;

import io.noderr.console.onboarding.WorkflowUpdates;
import io.noderr.console.security.Roles;
import io.noderr.console.trace.ActionSpans;
import io.noderr.registry.emergency.TierHolds;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTargetQueries;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeFilter;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeResult;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.signing.Semver;
import io.noderr.workflows.rollout.OperatorCommand;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutState;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Deployments (staged rollouts): admins start and steer them, admins and SREs read. Each is a
 * RolloutWorkflow; verbs are its Updates, refused with the workflow's reason. A tier an emergency
 * holds takes no new deployment; emergency rollbacks start only from an EmergencyWorkflow.
 */
@Service
public class DeploymentService {

  private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);

  /** What to deploy; the preview judges the other fields, which make the strategy. */
  private static final Set<String> WHAT_TO_DEPLOY =
      Set.of("version", "tiers", "image", "imageDigest");

  private final WorkflowClient client;
  private final Rollouts rollouts;
  private final RolloutTargetQueries targets;
  private final SignedReleases signedReleases;
  private final DeploymentReadModel readModel;
  private final Validator validator;
  private final TierHolds holds;

  /** Governance's first-cohort percent of the presets (rollout.canaryPercent), when set. */
  private final GovernanceParameters governance;

  DeploymentService(
      WorkflowClient client,
      Rollouts rollouts,
      RolloutTargetQueries targets,
      SignedReleases signedReleases,
      DeploymentReadModel readModel,
      Validator validator,
      TierHolds holds,
      GovernanceParameters governance) {
    this.holds = holds;
    this.governance = governance;
    this.client = client;
    this.rollouts = rollouts;
    this.targets = targets;
    this.signedReleases = signedReleases;
    this.readModel = readModel;
    this.validator = validator;
  }

  /**
   * Starts a staged rollout; answers its id at once (the rollout runs on). The form's rules are
   * checked here as well as at the API's door, so the console's form gets the same answers.
   */
  @PreAuthorize("hasRole('ADMIN')")
  public String start(DeploymentForm form, Authentication caller) {
    return ActionSpans.traced(
        "deployment.start",
        caller.getName(),
        () -> {
          RolloutStrategy strategy =
              StrategyBuilder.from(
                  form,
                  FormProblems.of(validator, form, field -> true),
                  governance.firstCohortPercent());
          requireSemver(form.version());
          requireNotHeld(form.tiers());
          String digest =
              signedReleases.requireCurrent(form.version(), form.tiers(), form.imageDigest());
          return launch(form.version(), form.tiers(), form.image(), digest, strategy, null, caller);
        });
  }

  /**
   * The strategy the form would start, in one line ({@code 1% → 10% → 50% → 100%, 5 min pauses,
   * ...}); nothing is started.
   *
   * @throws InvalidDeploymentException naming each field that makes no usable strategy
   */
  @PreAuthorize("hasRole('ADMIN')")
  public String preview(DeploymentForm form) {
    return StrategyDescription.of(
        StrategyBuilder.from(
            form,
            FormProblems.of(validator, form, field -> !WHAT_TO_DEPLOY.contains(field)),
            governance.firstCohortPercent()));
  }

  /** Deployments, newest first (the read model; the live state comes from {@link #state}). */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public List<RolloutRow> list(int page, int size) {
    return rollouts.list(page, size).rows();
  }

  /**
   * The per-cohort table: planned sizes as the rollout states them (else the counts so far) and
   * each stage's results. Empty before the plan is stored.
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public DeploymentCohorts cohorts(String id, RolloutState state) {
    return DeploymentCohorts.of(targets.cohorts(id), state.stageTargets());
  }

  /**
   * A page of the per-node table, in plan order.
   *
   * @param limit at most {@value RolloutTargetQueries#MAX_LIMIT} rows are returned
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public List<NodeResult> nodeResults(String id, NodeFilter filter, int offset, int limit) {
    return targets.page(id, filter, offset, limit);
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public long countNodeResults(String id, NodeFilter filter) {
    return targets.count(id, filter);
  }

  /**
   * The deployment as its workflow holds it; from the read model, saying why, while the platform
   * starts it again after a restart (RESUMING) or when Temporal no longer knows it (LOST, or its
   * recorded outcome).
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public RolloutState state(String id) {
    Optional<RolloutRow> row = rollouts.find(id);
    if (row.filter(DeploymentReadModel::resuming).isPresent()) {
      return readModel.state(row.get());
    }
    try {
      return workflow(id).getState();
    } catch (WorkflowNotFoundException e) {
      return row.map(readModel::state).orElseThrow(() -> new DeploymentNotFoundException(id));
    } catch (WorkflowQueryException e) {
      log.warn("query of {} failed: {}", id, e.getCause() == null ? e : e.getCause().getMessage());
      throw new DeploymentUnavailableException(id);
    }
  }

  /**
   * An operator verb: pause, resume, promote, abort, retry or rollback.
   *
   * @param forceLocks retry only: take over update locks other updates hold on the failed nodes
   */
  @PreAuthorize("hasRole('ADMIN')")
  public RolloutState act(
      String id, Verb verb, String reason, boolean forceLocks, Authentication caller) {
    if (forceLocks && verb != Verb.RETRY) {
      throw new InvalidDeploymentException("forceLocks goes with retry only");
    }
    OperatorCommand command =
        new OperatorCommand(caller.getName(), Roles.of(caller), reason, forceLocks);
    RolloutWorkflow rollout = workflow(id);
    return ActionSpans.traced(
        "deployment." + verb.name().toLowerCase(Locale.ROOT),
        caller.getName(),
        () ->
            WorkflowUpdates.call(
                () -> verb.on(rollout).apply(command), () -> "deployment " + id + " has ended"));
  }

  /** The operator verbs, each an Update of the rollout. */
  public enum Verb {
    PAUSE(r -> r::pause),
    RESUME(r -> r::resume),
    PROMOTE(r -> r::promote),
    ABORT(r -> r::abort),
    RETRY(r -> r::retry),
    ROLLBACK(r -> r::rollback);

    private final Function<RolloutWorkflow, Function<OperatorCommand, RolloutState>> update;

    Verb(Function<RolloutWorkflow, Function<OperatorCommand, RolloutState>> update) {
      this.update = update;
    }

    Function<OperatorCommand, RolloutState> on(RolloutWorkflow rollout) {
      return update.apply(rollout);
    }
  }

  private String launch(
      String version,
      List<String> tiers,
      String image,
      String digest,
      RolloutStrategy strategy,
      String reason,
      Authentication caller) {
    String id = freeId(tiers, version);
    RolloutInput input =
        new RolloutInput(
            version,
            tiers,
            image == null || image.isBlank() ? RolloutInput.defaultImage(version) : image.strip(),
            digest,
            strategy,
            caller.getName(),
            reason);
    RolloutWorkflow rollout =
        client.newWorkflowStub(
            RolloutWorkflow.class, RolloutWorkflow.startOptions(id, input).build());
    try {
      WorkflowClient.start(rollout::run, input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new DeploymentConflictException(id + " is already running");
    }
    return id;
  }

  private void requireNotHeld(List<String> tiers) {
    holds
        .anyOf(tiers)
        .ifPresent(
            hold -> {
              throw new DeploymentConflictException(
                  "tier "
                      + hold.tier()
                      + " is held by "
                      + hold.emergencyId()
                      + " ("
                      + hold.reason()
                      + "); no deployment starts there until the signers RESUME it");
            });
  }

  private static void requireSemver(String version) {
    try {
      Semver.parse(version);
    } catch (IllegalArgumentException e) {
      throw new InvalidDeploymentException(e.getMessage());
    }
  }

  /**
   * {@code rollout-<tiers>-<version>}, or with {@code -2}, {@code -3}... when that version was
   * rolled out to these tiers before (each run keeps its own plan and audit trail).
   */
  private String freeId(List<String> tiers, String version) {
    String base = RolloutWorkflow.workflowId(tiers, version);
    String id = base;
    for (int run = 2; rollouts.find(id).isPresent() && !isRunning(id); run++) {
      id = base + "-" + run;
    }
    return id;
  }

  private boolean isRunning(String id) {
    try {
      return !workflow(id).getState().status().isFinal();
    } catch (WorkflowException lost) {
      return false;
    }
  }

  private RolloutWorkflow workflow(String id) {
    return client.newWorkflowStub(RolloutWorkflow.class, id);
  }
}
