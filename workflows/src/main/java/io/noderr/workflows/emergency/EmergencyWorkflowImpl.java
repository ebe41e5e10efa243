package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconRead;
import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.EmergencyProgress;
import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.Resumption;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.SignedUpdates;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;

/**
 * The emergency's runbook: prepare the request signers sign, wait for the signature(s) that make it
 * act, act, and — when one guardian acted alone — hold the mandate until the quorum ratifies it or
 * its timer undoes it.
 */
public class EmergencyWorkflowImpl implements EmergencyWorkflow {

  private static final Logger log = Workflow.getLogger(EmergencyWorkflowImpl.class);

  /** Error type of a signature the state moved past after it was validated. */
  static final String SIGNATURE_REFUSED = "EmergencySignatureRefused";

  /**
   * The chain's clock (block time) may trail the workflow's by a few seconds; undoing a guardian
   * pause waits this much past its end so the beacon agrees that it ended.
   */
  static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

  /** Beacon transactions retry through RPC outages; the multisig refusing is final. */
  static final ActivityOptions BEACON =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(3), EmergencyFailures.BEACON_REFUSED);

  /** Platform brakes and read-model writes are idempotent; they retry through outages. */
  static final ActivityOptions PLATFORM =
      PlatformActivityOptions.retryingThroughOutages(Duration.ofMinutes(2));

  private final EmergencyActivities beaconCalls =
      Workflow.newActivityStub(EmergencyActivities.class, BEACON);
  private final EmergencyActivities platform =
      Workflow.newActivityStub(EmergencyActivities.class, PLATFORM);

  private final EmergencyProposal proposal;
  private final String scope;
  private EmergencyStage stage = EmergencyStage.PREPARING;
  private BeaconEmergencyState beacon;
  private MultisigDomain domain;
  private SigningRequest request;
  private byte[] digest;
  private final List<AcceptedSignature> signatures = new ArrayList<>();
  private long mandateExpiresAt;
  private final List<String> effects = new ArrayList<>();
  private String rolloutId;
  private String reason;

  /** Steps waiting for the read model; handlers queue them so a signer's update answers at once. */
  private final Deque<EmergencyProgress> unrecorded = new ArrayDeque<>();

  private int steps;
  private VisibleProgress visible;
  private EmergencyActions actions;

  /** Update handlers may run before {@link #run}; they need the proposal from the start. */
  @WorkflowInit
  public EmergencyWorkflowImpl(EmergencyProposal proposal) {
    this.proposal = proposal;
    this.scope = EmergencyScope.of(proposal);
  }

  @Override
  public EmergencyResult run(EmergencyProposal input) {
    visible = new VisibleProgress(stage.name(), EmergencyWorkflow.summary(proposal));
    actions = new EmergencyActions(id(), proposal, beaconCalls, platform);
    prepare();
    if (proposal.resumedFrom() != null && stage == EmergencyStage.AWAITING_SIGNATURES) {
      takeUp(proposal.resumedFrom());
    }
    if (stage == EmergencyStage.AWAITING_SIGNATURES) {
      awaitSignatures(proposal.deadline());
      if (stage == EmergencyStage.AWAITING_SIGNATURES) {
        end(
            EmergencyStage.EXPIRED,
            "deadline "
                + Instant.ofEpochSecond(proposal.deadline())
                + " passed with "
                + count(digest)
                + " of "
                + request.required()
                + " signatures; nothing was done",
            "system");
      }
    }
    if (stage == EmergencyStage.ACTING) {
      act();
    }
    if (stage == EmergencyStage.MANDATE) {
      awaitSignatures(mandateExpiresAt + CLOCK_SLACK.toSeconds());
      if (stage == EmergencyStage.MANDATE) {
        stage = EmergencyStage.REVERTING;
      }
    }
    if (stage == EmergencyStage.RATIFYING) {
      ratify();
    } else if (stage == EmergencyStage.REVERTING) {
      revert();
    }
    recordSteps();
    Workflow.await(Workflow::isEveryHandlerFinished);
    recordSteps();
    log.info("{} ended {}{}", id(), stage, reason == null ? "" : ": " + reason);
    return new EmergencyResult(id(), stage, effects, reason);
  }

  /** Reads the beacon and builds the request that makes the emergency act. */
  private void prepare() {
    try {
      beacon = platform.readEmergencyBeacon(new BeaconRead(id()));
    } catch (ActivityFailure failure) {
      end(
          EmergencyStage.FAILED,
          "could not read the beacon: " + SignedUpdates.failureMessage(failure),
          "system");
      return;
    }
    // A resumed emergency was checked when it was proposed; its deadline may have passed since.
    String refusal =
        proposal.resumedFrom() == null
            ? EmergencyRules.refusal(proposal, beacon, nowSeconds())
            : null;
    if (refusal != null) {
      end(EmergencyStage.REFUSED, refusal, proposal.proposedBy());
      return;
    }
    domain = new MultisigDomain(beacon.chainId(), Address.of(beacon.multisig()));
    setRequest(EmergencyRequests.act(id(), proposal, scope, beacon, domain));
    stage = EmergencyStage.AWAITING_SIGNATURES;
    if (proposal.resumedFrom() != null) {
      return; // its proposal is in the audit log already
    }
    queueStep(
        proposal.proposedBy(),
        "emergency.proposed",
        proposal.action() + " " + scope + ": " + proposal.reason() + "; needs " + describeNeed());
  }

  /**
   * Goes on where a lost execution stood (the platform restarted without Temporal's history):
   * signatures are checked again before they count, a mandate keeps its deadline, and an action
   * that may have been under way is carried out again (every step of it is idempotent).
   */
  private void takeUp(Resumption from) {
    steps = Math.max(steps, from.lastStep());
    effects.addAll(from.effects());
    EmergencyStage was = EmergencyStage.valueOf(from.stage());
    boolean acted =
        was == EmergencyStage.MANDATE
            || was == EmergencyStage.RATIFYING
            || was == EmergencyStage.REVERTING;
    if (acted) {
      mandateExpiresAt = from.mandateExpiresAt();
      signatures.addAll(
          from.signatures().stream().filter(s -> !s.request().equals(request.digest())).toList());
      BeaconEmergencyState now = platform.readEmergencyBeacon(new BeaconRead(id()));
      setRequest(
          EmergencyRequests.ratify(id(), proposal, scope, now, domain, mandateExpiresAt, request));
      stage = was == EmergencyStage.REVERTING ? EmergencyStage.REVERTING : EmergencyStage.MANDATE;
    }
    int readmitted = 0;
    for (AcceptedSignature carried : from.signatures()) {
      EmergencySignCommand command =
          new EmergencySignCommand(carried.signer(), carried.signature(), carried.submittedBy());
      if (carried.request().equals(request.digest()) && stage.collecting() && valid(command)) {
        admit(command, " (accepted before the restart)");
        readmitted++;
      }
    }
    queueStep(
        "system",
        "emergency.resumed",
        "taken up again "
            + was.name().toLowerCase().replace('_', ' ')
            + " after a restart of the platform; "
            + readmitted
            + " of "
            + from.signatures().size()
            + " signatures still count"
            + (mandateExpiresAt > 0
                ? "; the mandate still ends at " + Instant.ofEpochSecond(mandateExpiresAt)
                : ""));
  }

  private boolean valid(EmergencySignCommand command) {
    try {
      validateSign(command);
      return true;
    } catch (IllegalArgumentException refused) {
      return false;
    }
  }

  /** Waits until a signature moves the stage on, or until {@code untilSeconds}. */
  private void awaitSignatures(long untilSeconds) {
    EmergencyStage waitingIn = stage;
    while (stage == waitingIn) {
      long remaining = untilSeconds * 1000 - Workflow.currentTimeMillis();
      boolean woke =
          remaining > 0
              && Workflow.await(
                  Duration.ofMillis(remaining), () -> !unrecorded.isEmpty() || stage != waitingIn);
      recordSteps();
      if (!woke) {
        return;
      }
    }
  }

  private void act() {
    recordSteps();
    List<AcceptedSignature> signed = signaturesFor(digest);
    boolean mandate =
        proposal.action() == EmergencyAction.PAUSE
            || (proposal.action().guardianMayActAlone() && signed.size() < beacon.threshold());
    try {
      EmergencyActions.Outcome outcome = actions.act(signed, mandate, beacon);
      effects.addAll(outcome.effects());
      rolloutId = outcome.rolloutId();
      if (mandate) {
        beginMandate(outcome.mandateExpiresAt(), signed.get(0).signer());
      } else {
        end(EmergencyStage.DONE, null, "system", String.join("; ", outcome.effects()));
      }
    } catch (ActivityFailure failure) {
      end(
          EmergencyStage.FAILED,
          proposal.action() + " was refused: " + SignedUpdates.failureMessage(failure),
          "system");
    }
  }

  /** One guardian acted: the quorum has until the mandate ends to ratify. */
  private void beginMandate(long expiresAt, String guardian) {
    mandateExpiresAt = expiresAt;
    BeaconEmergencyState after = platform.readEmergencyBeacon(new BeaconRead(id()));
    setRequest(EmergencyRequests.ratify(id(), proposal, scope, after, domain, expiresAt, request));
    stage = EmergencyStage.MANDATE;
    queueStep(
        "system",
        "emergency.mandate",
        "acted on guardian "
            + Address.of(guardian).checksummed()
            + "'s signature alone: "
            + String.join("; ", effects)
            + ". Ends by itself at "
            + Instant.ofEpochSecond(expiresAt)
            + " unless "
            + request.required()
            + " signers ratify");
  }

  private void ratify() {
    recordSteps();
    try {
      List<String> done = actions.ratify(signaturesFor(digest), mandateExpiresAt);
      effects.addAll(done);
      end(EmergencyStage.DONE, null, "system", "ratified: " + String.join("; ", done));
    } catch (ActivityFailure failure) {
      // The mandate stands until its timer; the refusal says why ratification did not take.
      end(
          EmergencyStage.FAILED,
          "ratification was refused: " + SignedUpdates.failureMessage(failure),
          "system");
    }
  }

  private void revert() {
    recordSteps();
    List<String> undone = actions.revert();
    effects.addAll(undone);
    end(
        EmergencyStage.REVERTED,
        "the guardian's mandate ended at "
            + Instant.ofEpochSecond(mandateExpiresAt)
            + " without ratification",
        "system",
        "mandate expired, undone: " + String.join("; ", undone));
  }

  @Override
  public EmergencyState sign(EmergencySignCommand command) {
    SignedUpdates.recheck(() -> validateSign(command), SIGNATURE_REFUSED);
    admit(command, "");
    return getState();
  }

  /** Counts a checked signature and moves the stage on when it completes a request. */
  private void admit(EmergencySignCommand command, String note) {
    Address signer = Address.of(command.signer());
    signatures.add(
        new AcceptedSignature(
            signer.value(),
            command.signature().trim(),
            request.digest(),
            command.submittedBy(),
            Workflow.currentTimeMillis()));
    int count = count(digest);
    boolean guardian = beacon.guardians().contains(signer.value());
    String moved = "";
    if (stage == EmergencyStage.AWAITING_SIGNATURES
        && (count >= request.required() || (proposal.action().guardianMayActAlone() && guardian))) {
      stage = EmergencyStage.ACTING;
      moved = count >= request.required() ? "; threshold reached, acting" : "; guardian acts now";
    } else if (stage == EmergencyStage.MANDATE && count >= request.required()) {
      stage = EmergencyStage.RATIFYING;
      moved = "; threshold reached, ratifying";
    }
    queueStep(
        command.submittedBy(),
        "emergency.signed",
        request.kind().toLowerCase()
            + " signature "
            + count
            + " of "
            + request.required()
            + " by "
            + signer.checksummed()
            + (guardian ? " (guardian)" : "")
            + note
            + moved);
  }

  @Override
  public void validateSign(EmergencySignCommand command) {
    if (stage == EmergencyStage.PREPARING) {
      throw refused(
          "the emergency is still being prepared (reading the beacon); try again shortly");
    }
    if (!stage.collecting()) {
      throw refused("the emergency is " + describeStage() + " and takes no more signatures");
    }
    long until = stage == EmergencyStage.MANDATE ? mandateExpiresAt : proposal.deadline();
    if (Workflow.currentTimeMillis() > until * 1000) {
      throw refused("signatures were due by " + Instant.ofEpochSecond(until));
    }
    Address signer;
    try {
      signer = Address.of(command.signer());
    } catch (IllegalArgumentException e) {
      throw refused("signer: " + e.getMessage());
    }
    if (!request.eligible().contains(signer.value())) {
      throw refused(
          signer.checksummed()
              + (request.eligible().size() < beacon.signers().size()
                  ? " is not a guardian; a " + proposal.action() + " starts with a guardian's"
                  : " is not in the multisig's signer set"));
    }
    if (signaturesFor(digest).stream().anyMatch(s -> s.signer().equals(signer.value()))) {
      throw refused(signer.checksummed() + " already signed this request");
    }
    if (command.signature() == null || command.signature().isBlank()) {
      throw refused("the signature is missing");
    }
    Address recovered;
    try {
      recovered = Signatures.recover(digest, command.signature());
    } catch (IllegalArgumentException e) {
      throw refused("malformed signature: " + e.getMessage());
    }
    if (!recovered.equals(signer)) {
      throw refused(
          "the signature is not "
              + signer.checksummed()
              + "'s over this request (it recovers to "
              + recovered.checksummed()
              + "): it was made over other data or with another key");
    }
  }

  @Override
  public EmergencyState getState() {
    return new EmergencyState(
        id(),
        stage,
        proposal,
        scope,
        stage.collecting() ? request : null,
        signatures,
        mandateExpiresAt,
        effects,
        rolloutId,
        reason);
  }

  private void setRequest(SigningRequest next) {
    request = next;
    digest = HexFormat.of().parseHex(next.digest().substring(2));
  }

  private List<AcceptedSignature> signaturesFor(byte[] requestDigest) {
    String hex = "0x" + HexFormat.of().formatHex(requestDigest);
    return signatures.stream().filter(s -> s.request().equals(hex)).toList();
  }

  private int count(byte[] requestDigest) {
    return requestDigest == null ? 0 : signaturesFor(requestDigest).size();
  }

  private String describeNeed() {
    return request.required()
        + " of "
        + request.eligible().size()
        + (request.eligible().size() < beacon.signers().size() ? " guardians" : " signers")
        + (proposal.action().guardianMayActAlone() && proposal.action() != EmergencyAction.PAUSE
            ? " (or one guardian, for "
                + Duration.ofSeconds(beacon.mandateSeconds()).toHours()
                + " h unless ratified)"
            : "");
  }

  private void end(EmergencyStage finalStage, String why, String actor) {
    end(finalStage, why, actor, why);
  }

  private void end(EmergencyStage finalStage, String why, String actor, String detail) {
    stage = finalStage;
    reason = why;
    queueStep(actor, "emergency." + finalStage.name().toLowerCase(), detail);
  }

  private void queueStep(String actor, String auditAction, String detail) {
    steps++;
    unrecorded.add(
        new EmergencyProgress(
            id(),
            proposal,
            stage.name(),
            scope,
            request == null ? 0 : request.required(),
            signatures,
            mandateExpiresAt,
            effects,
            reason,
            new EmergencyProgress.Step(steps, actor, auditAction, detail)));
  }

  private void recordSteps() {
    while (!unrecorded.isEmpty()) {
      platform.recordEmergency(unrecorded.poll());
    }
    visible.show(
        stage.name(),
        EmergencyWorkflow.summary(proposal)
            + (stage.isFinal() ? " — " + stage + (reason == null ? "" : " (" + reason + ")") : ""));
  }

  private long nowSeconds() {
    return Workflow.currentTimeMillis() / 1000;
  }

  private String describeStage() {
    return stage.name().toLowerCase().replace('_', ' ');
  }

  private String id() {
    return Workflow.getInfo().getWorkflowId();
  }

  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
