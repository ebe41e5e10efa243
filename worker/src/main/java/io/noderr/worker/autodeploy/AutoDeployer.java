package io.noderr.worker.autodeploy;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.noderr.registry.emergency.TierHolds;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutPreset;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishing is enough: when the beacon records a publication for a tier whose auto-deploy policy
 * is on, a deployment of exactly that release starts with the policy's preset. It reads the
 * recorded beacon events after its cursor, so both backends (the chain follower and the local
 * beacon) feed it, a restarted worker resumes where it was, and publications from before the first
 * run are never deployed by surprise. Starting is idempotent (one workflow id per tier and version,
 * never reused), so several workers may sweep at once.
 */
@Component
class AutoDeployer {

  static final String ACTOR = "auto-deploy";

  private static final Logger log = LoggerFactory.getLogger(AutoDeployer.class);

  /** Publications considered per sweep; more wait for the next one. */
  private static final int PAGE = 100;

  private final AutoDeployPolicies policies;
  private final BeaconEvents events;
  private final WorkflowClient client;
  private final AuditLog audit;
  private final TierHolds holds;

  /** Governance's first-cohort percent of the presets (rollout.canaryPercent), when set. */
  private final GovernanceParameters governance;

  AutoDeployer(
      AutoDeployPolicies policies,
      BeaconEvents events,
      WorkflowClient client,
      AuditLog audit,
      TierHolds holds,
      GovernanceParameters governance) {
    this.holds = holds;
    this.governance = governance;
    this.policies = policies;
    this.events = events;
    this.client = client;
    this.audit = audit;
  }

  @Scheduled(
      initialDelayString = "${noderr.worker.auto-deploy-interval:2s}",
      fixedDelayString = "${noderr.worker.auto-deploy-interval:2s}")
  void sweep() {
    OptionalLong cursor = policies.cursor();
    if (cursor.isEmpty()) {
      policies.advanceCursor(events.lastEventId());
      return;
    }
    for (BeaconEventRow published : events.publishedAfter(cursor.getAsLong(), PAGE)) {
      AutoDeployPolicy policy = policies.of(published.tier());
      if (policy.enabled() && held(published)) {
        policies.advanceCursor(published.id());
        continue;
      }
      if (policy.enabled() && !start(published, policy)) {
        return; // Temporal unreachable: the next sweep tries this publication again
      }
      policies.advanceCursor(published.id());
    }
  }

  /**
   * Whether an emergency holds the tier: then the publication is not deployed, now or later (a
   * RESUME does not replay what was published during the hold; an admin deploys it if wanted).
   */
  private boolean held(BeaconEventRow published) {
    return holds
        .anyOf(List.of(published.tier().name()))
        .map(
            hold -> {
              audit.append(
                  ACTOR,
                  "deployment.auto-skipped",
                  published.tier().name(),
                  published.version()
                      + " not deployed: the tier is held by "
                      + hold.emergencyId()
                      + " ("
                      + hold.reason()
                      + ")",
                  hold.emergencyId());
              return true;
            })
        .orElse(false);
  }

  /** Starts the deployment; false when Temporal could not be reached. */
  private boolean start(BeaconEventRow published, AutoDeployPolicy policy) {
    List<String> tiers = List.of(published.tier().name());
    String id = RolloutWorkflow.workflowId(tiers, published.version());
    RolloutPreset preset = RolloutPreset.byId(policy.preset()).orElse(RolloutPreset.CANARY);
    RolloutInput input =
        new RolloutInput(
            published.version(),
            tiers,
            RolloutInput.defaultImage(published.version()),
            published.imageDigest(),
            preset.strategy(governance.firstCohortPercent()),
            ACTOR,
            null);
    RolloutWorkflow rollout =
        client.newWorkflowStub(
            RolloutWorkflow.class,
            RolloutWorkflow.startOptions(id, input)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(rollout::run, input);
    } catch (WorkflowExecutionAlreadyStarted alreadyThere) {
      return true;
    } catch (WorkflowServiceException unreachable) {
      log.warn("auto-deploy of {} waits for Temporal: {}", id, unreachable.getMessage());
      return false;
    }
    audit.append(
        ACTOR,
        "deployment.auto-started",
        id,
        published.tier()
            + " published "
            + published.version()
            + " ("
            + published.imageDigest()
            + "); preset "
            + preset.id()
            + ", policy set by "
            + policy.updatedBy(),
        id);
    log.info("auto-deploy started {} with preset {}", id, preset.id());
    return true;
  }
}
