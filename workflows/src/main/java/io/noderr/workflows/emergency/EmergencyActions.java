package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconRead;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.activities.emergency.EndQuarantine;
import io.noderr.activities.emergency.GuardianPauseExpiry;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.HoldTiers;
import io.noderr.activities.emergency.PauseDeployments;
import io.noderr.activities.emergency.QuarantineRequest;
import io.noderr.activities.emergency.ReleaseTiers;
import io.noderr.activities.emergency.TiersHeld;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.emergency.TiersReleased;
import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.workflows.SignedUpdates;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each action does, once its signatures are in: the beacon's part through the multisig, the
 * platform's part through its own brakes. Workflow code; every call is an activity or a child
 * workflow.
 */
final class EmergencyActions {

  /**
   * @param mandateExpiresAt unix seconds the action ends by itself (a guardian's mandate), or 0
   * @param rolloutId the emergency rollback's deployment, or null
   */
  record Outcome(List<String> effects, long mandateExpiresAt, String rolloutId) {}

  private final String id;
  private final EmergencyProposal proposal;
  private final EmergencyActivities beacon;
  private final EmergencyActivities platform;
  private final long tierMask;
  private final String actor;

  EmergencyActions(
      String id,
      EmergencyProposal proposal,
      EmergencyActivities beacon,
      EmergencyActivities platform) {
    this.id = id;
    this.proposal = proposal;
    this.beacon = beacon;
    this.platform = platform;
    this.tierMask = proposal.tiers().isEmpty() ? 0 : EmergencyScope.tierMask(proposal.tiers());
    this.actor = id + " (" + proposal.proposedBy() + ")";
  }

  /**
   * Carries the action out with the accepted signatures.
   *
   * @param mandate whether one guardian acts alone (the action ends by itself unless ratified)
   * @throws ActivityFailure when the beacon or the platform refuses
   */
  Outcome act(List<AcceptedSignature> signed, boolean mandate, BeaconEmergencyState before) {
    return switch (proposal.action()) {
      case PAUSE -> guardianPause(signed.get(0));
      case RESUME -> resume(signed);
      case ROTATE_SIGNERS -> rotate(signed);
      case EMERGENCY_ROLLBACK -> rollback();
      case QUARANTINE -> quarantine(mandate, before);
      case VETO_PROPOSAL -> veto(signed);
    };
  }

  /** Makes a guardian's mandate permanent with the quorum's signatures. */
  List<String> ratify(List<AcceptedSignature> signed, long due) {
    if (proposal.action() != EmergencyAction.PAUSE) {
      return List.of("the quarantine stays until the nodes are re-admitted");
    }
    BeaconTransaction tx =
        beacon.setTiersPaused(new TiersPausedRequest(tierMask, true, due, bySigner(signed)));
    platform.holdTiers(new HoldTiers(id, proposal.tiers(), actor, proposal.reason(), 0));
    return List.of(
        "the beacon keeps " + tiers() + " paused until a RESUME" + transaction(tx),
        "deployments and auto-deploy stay held on " + tiers());
  }

  /** Undoes a mandate that ran out. Never fails: what could not be undone is said. */
  List<String> revert() {
    List<String> undone = new ArrayList<>();
    if (proposal.action() == EmergencyAction.QUARANTINE) {
      int nodes = platform.endQuarantine(new EndQuarantine(id, actor, "mandate expired")).nodes();
      undone.add(nodes + " node(s) back in service");
      return undone;
    }
    try {
      BeaconTransaction tx = beacon.expireGuardianPause(new GuardianPauseExpiry(tierMask));
      undone.add("the beacon unpaused " + tiers() + transaction(tx));
    } catch (ActivityFailure refused) {
      undone.add("the beacon kept its state (" + SignedUpdates.failureMessage(refused) + ")");
    }
    TiersReleased released =
        platform.releaseTiers(
            new ReleaseTiers(id, proposal.tiers(), actor, "guardian mandate expired"));
    undone.add(describeReleased(released));
    return undone;
  }

  private Outcome guardianPause(AcceptedSignature guardian) {
    BeaconTransaction tx =
        beacon.guardianPause(
            new GuardianPauseRequest(tierMask, proposal.deadline(), guardian.signature()));
    BeaconEmergencyState after = platform.readEmergencyBeacon(new BeaconRead(id));
    long expiresAt = mandateEnd(after);
    TiersHeld held =
        platform.holdTiers(
            new HoldTiers(id, proposal.tiers(), actor, proposal.reason(), expiresAt));
    return new Outcome(
        List.of(
            "the beacon paused "
                + tiers()
                + " until "
                + Instant.ofEpochSecond(expiresAt)
                + transaction(tx),
            describePaused(held),
            "new deployments and auto-deploy held on " + tiers()),
        expiresAt,
        null);
  }

  /**
   * When the guardian pause ends: the latest expiry the beacon reports for the tiers (a tier the
   * quorum had paused already has none), else the mandate from now.
   */
  private long mandateEnd(BeaconEmergencyState after) {
    long latest = 0;
    for (String tier : proposal.tiers()) {
      var pause = EmergencyRules.pauseOf(after, BeaconTier.valueOf(tier));
      if (pause != null) {
        latest = Math.max(latest, pause.guardianExpiresAt());
      }
    }
    return latest > 0 ? latest : Workflow.currentTimeMillis() / 1000 + after.mandateSeconds();
  }

  private Outcome resume(List<AcceptedSignature> signed) {
    BeaconTransaction tx =
        beacon.setTiersPaused(
            new TiersPausedRequest(tierMask, false, proposal.deadline(), bySigner(signed)));
    TiersReleased released =
        platform.releaseTiers(new ReleaseTiers(id, proposal.tiers(), actor, proposal.reason()));
    return new Outcome(
        List.of("the beacon unpaused " + tiers() + transaction(tx), describeReleased(released)),
        0,
        null);
  }

  private Outcome rotate(List<AcceptedSignature> signed) {
    BeaconTransaction tx =
        beacon.changeSigners(
            new ChangeSignersRequest(
                proposal.newSigners(),
                proposal.newThreshold(),
                proposal.deadline(),
                bySigner(signed)));
    return new Outcome(
        List.of(
            "the multisig's signers are now "
                + proposal.newSigners().stream().map(s -> Address.of(s).checksummed()).toList()
                + ", threshold "
                + proposal.newThreshold()
                + transaction(tx)),
        0,
        null);
  }

  /** The multisig cancels the proposal's operation on the timelock: it never executes. */
  private Outcome veto(List<AcceptedSignature> signed) {
    QueuedOperation queued = proposal.queued();
    BeaconTransaction tx =
        beacon.cancelQueued(
            new CancelQueuedRequest(
                queued.timelock(), queued.operationId(), proposal.deadline(), bySigner(signed)));
    return new Outcome(
        List.of(
            "governance proposal "
                + proposal.governanceProposal()
                + " vetoed: the timelock canceled operation "
                + queued.operationId()
                + ", it will never execute"
                + transaction(tx)),
        0,
        null);
  }

  /** Starts the one-stage, gate-less rollback and pauses the deployments it would race. */
  private Outcome rollback() {
    String rolloutId =
        RolloutWorkflow.workflowId(proposal.tiers(), proposal.toVersion()) + "-" + id;
    RolloutInput input =
        new RolloutInput(
            proposal.toVersion(),
            proposal.tiers(),
            RolloutInput.defaultImage(proposal.toVersion()),
            proposal.imageDigest(),
            RolloutStrategy.emergency(),
            proposal.proposedBy(),
            "EMERGENCY ROLLBACK (" + id + "): " + proposal.reason());
    RolloutWorkflow rollout =
        Workflow.newChildWorkflowStub(
            RolloutWorkflow.class, RolloutWorkflow.childOptions(rolloutId, input));
    Async.function(rollout::run, input);
    Workflow.getWorkflowExecution(rollout).get();
    TiersHeld paused =
        platform.pauseDeployments(
            new PauseDeployments(
                id, proposal.tiers(), rolloutId, actor, "superseded by emergency " + id));
    return new Outcome(
        List.of(
            "rollback " + rolloutId + " of " + tiers() + " to " + proposal.toVersion() + " started",
            describePaused(paused)),
        0,
        rolloutId);
  }

  private Outcome quarantine(boolean mandate, BeaconEmergencyState before) {
    int nodes =
        platform
            .quarantine(
                new QuarantineRequest(
                    id, proposal.nodeIds(), proposal.operator(), actor, proposal.reason()))
            .nodes();
    long expiresAt = mandate ? Workflow.currentTimeMillis() / 1000 + before.mandateSeconds() : 0;
    return new Outcome(
        List.of(
            nodes
                + " node(s) quarantined: sessions revoked, gateway closed, out of every rollout"
                + (mandate
                    ? " until " + Instant.ofEpochSecond(expiresAt) + " unless ratified"
                    : "")),
        expiresAt,
        null);
  }

  /** The contract wants signatures ordered by signer address, ascending. */
  private static List<String> bySigner(List<AcceptedSignature> signed) {
    return signed.stream()
        .sorted(Comparator.comparing(s -> Address.of(s.signer())))
        .map(AcceptedSignature::signature)
        .toList();
  }

  private String tiers() {
    return String.join(", ", proposal.tiers());
  }

  private static String transaction(BeaconTransaction tx) {
    if (tx.alreadyDone()) {
      return " (already so on the beacon)";
    }
    return tx.transactionHash() == null ? "" : " (transaction " + tx.transactionHash() + ")";
  }

  private static String describePaused(TiersHeld held) {
    return held.pausedDeployments().isEmpty()
        ? "no running deployment to pause"
        : held.pausedDeployments().size()
            + " running deployment(s) paused: "
            + String.join(", ", held.pausedDeployments());
  }

  private static String describeReleased(TiersReleased released) {
    return "holds lifted on "
        + (released.tiers().isEmpty() ? "no tier" : String.join(", ", released.tiers()))
        + (released.resumedDeployments().isEmpty()
            ? ""
            : "; resumed " + String.join(", ", released.resumedDeployments()));
  }
}
