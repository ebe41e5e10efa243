package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconQuery;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.CurrentRelease;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.activities.release.ReleaseProgress;
import io.noderr.activities.release.ReleaseProgress.AcceptedSignature;
import io.noderr.activities.release.ReleaseProgress.AuditStep;
import io.noderr.activities.release.ReleaseProgress.Terms;
import io.noderr.signing.Address;
import io.noderr.signing.DeclineAction;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.SignedUpdates;
import io.noderr.workflows.release.ReleaseProposal.Resumption;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import io.noderr.workflows.release.ReleaseState.Declined;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;

public class ReleaseApprovalWorkflowImpl implements ReleaseApprovalWorkflow {

  private static final Logger log = Workflow.getLogger(ReleaseApprovalWorkflowImpl.class);

  /** Error type of a signature or decline the state moved past after it was validated. */
  static final String SIGNATURE_REFUSED = "SignatureRefused";

  /**
   * Reading the beacon retries through short RPC outages; after ten minutes the request fails with
   * the reason rather than hanging in PREPARING.
   */
  static final ActivityOptions BEACON_READ =
      ActivityOptions.newBuilder(
              PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30)))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .build();

  /**
   * Publishing is idempotent (a retry finds the publication instead of sending again), so it
   * retries through RPC failures; the multisig refusing is final.
   */
  static final ActivityOptions PUBLISH =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(3), ReleaseFailures.PUBLISH_REFUSED);

  /** Waiting for the follower to see the event; the heartbeat shows a stuck follower quickly. */
  static final ActivityOptions AWAIT_EVENT =
      ActivityOptions.newBuilder(
              PlatformActivityOptions.retryingThroughOutages(Duration.ofMinutes(10)))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .build();

  /** Read-model writes are idempotent per step; they retry through database outages. */
  static final ActivityOptions RECORD =
      PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30));

  private final ReleaseActivities beaconReads =
      Workflow.newActivityStub(ReleaseActivities.class, BEACON_READ);
  private final ReleaseActivities publisher =
      Workflow.newActivityStub(ReleaseActivities.class, PUBLISH);
  private final ReleaseActivities eventFollower =
      Workflow.newActivityStub(ReleaseActivities.class, AWAIT_EVENT);
  private final ReleaseActivities readModel =
      Workflow.newActivityStub(ReleaseActivities.class, RECORD);

  private final ReleaseProposal proposal;
  private ReleaseStage stage = ReleaseStage.PREPARING;
  private BeaconState beacon;
  private PublishAction action;
  private MultisigDomain domain;
  private byte[] digest;
  private final List<CollectedSignature> signatures = new ArrayList<>();
  private final List<Declined> declines = new ArrayList<>();
  private String transactionHash;
  private long blockNumber;
  private String reason;
  private long thresholdReachedAtMillis;
  private long recordedAtMillis;

  /**
   * Steps waiting to be written to the read model and audit log. Handlers only change state and
   * queue the step, so a signer's update answers at once; the main loop writes the steps in order.
   */
  private final Deque<ReleaseProgress> unrecorded = new ArrayDeque<>();

  private int steps;

  /** Stage and summary in the Temporal UI; set first thing in {@link #run}. */
  private VisibleProgress visible;

  /** Update handlers may run before {@link #run}; they need the proposal from the start. */
  @WorkflowInit
  public ReleaseApprovalWorkflowImpl(ReleaseProposal proposal) {
    this.proposal = proposal;
  }

  @Override
  public ReleaseResult run(ReleaseProposal input) {
    visible =
        new VisibleProgress(
            ReleaseStage.PREPARING.name(), ReleaseApprovalWorkflow.summary(proposal));
    prepare();
    if (stage == ReleaseStage.AWAITING_SIGNATURES) {
      awaitDecision();
    }
    if (stage == ReleaseStage.PUBLISHING) {
      publish();
    }
    recordSteps();
    Workflow.await(Workflow::isEveryHandlerFinished);
    recordSteps();
    log.info("release {} ended {}{}", releaseId(), stage, reason == null ? "" : ": " + reason);
    return new ReleaseResult(releaseId(), stage, transactionHash, blockNumber, reason);
  }

  /** Reads the beacon and builds the exact action signers will sign, or refuses the proposal. */
  private void prepare() {
    Resumption resumed = resumption();
    if (resumed != null) {
      steps = resumed.recordedSteps();
    }
    try {
      beacon = beaconReads.readBeacon(new BeaconQuery(proposal.tier()));
    } catch (ActivityFailure failure) {
      end(
          ReleaseStage.FAILED,
          "could not read the beacon: " + SignedUpdates.failureMessage(failure),
          "system");
      return;
    }
    // A request lost while publishing may have gone through: the beacon then holds this very
    // release, its nonce moved on, and the signatures are over the nonce they were made with.
    boolean onBeacon =
        resumed != null && resumed.nonce() != null && isThisRelease(beacon.current());
    if (resumed != null && !onBeacon && proposal.deadline() <= nowSeconds()) {
      end(
          ReleaseStage.EXPIRED,
          "deadline "
              + Instant.ofEpochSecond(proposal.deadline())
              + " passed while the platform was down, with "
              + resumed.signatures().size()
              + " signatures accepted",
          "system");
      return;
    }
    String refusal = onBeacon ? null : ProposalRules.refusal(proposal, beacon, nowSeconds());
    if (refusal != null) {
      end(ReleaseStage.REFUSED, refusal, proposal.proposedBy());
      return;
    }
    domain = new MultisigDomain(beacon.chainId(), Address.of(beacon.multisig()));
    action =
        new PublishAction(
            proposal.tier().code(),
            proposal.version(),
            ImageDigest.parse(proposal.imageDigest()),
            proposal.minimumVersion(),
            proposal.notesUri(),
            new BigInteger(onBeacon ? resumed.nonce() : beacon.nonce()),
            proposal.deadline());
    digest = action.digest(domain);
    stage = ReleaseStage.AWAITING_SIGNATURES;
    String terms =
        proposal.tier()
            + " "
            + proposal.version()
            + " "
            + proposal.imageDigest()
            + ", needs "
            + beacon.threshold()
            + " of "
            + beacon.signers().size()
            + " signatures, nonce "
            + action.nonce()
            + (proposal.downgradeRequested() ? ", DOWNGRADE: " + proposal.downgradeReason() : "");
    if (resumed == null) {
      queueStep(proposal.proposedBy(), "release.proposed", terms);
    } else {
      queueStep("system", "release.signatures-readmitted", readmit(resumed) + "; " + terms);
    }
  }

  /**
   * What a restarted request carries over; null for a new proposal. Behind a version marker so the
   * histories of requests proposed before resumption existed replay unchanged.
   */
  private Resumption resumption() {
    if (proposal.resumedFrom() == null
        || Workflow.getVersion("resume-accepted-signatures", Workflow.DEFAULT_VERSION, 1) < 1) {
      return null;
    }
    return proposal.resumedFrom();
  }

  private boolean isThisRelease(CurrentRelease current) {
    return current != null
        && current.version().equals(proposal.version())
        && ImageDigest.parse(current.imageDigest())
            .equals(ImageDigest.parse(proposal.imageDigest()));
  }

  /**
   * Admits again the signatures accepted before the restart that still hold against the action
   * built now, with the checks a new signature gets (the deadline was checked before); a signature
   * over a nonce the multisig has moved past, or by a signer no longer in the set, is dropped.
   */
  private String readmit(Resumption resumed) {
    List<String> dropped = new ArrayList<>();
    for (CollectedSignature carried : resumed.signatures()) {
      try {
        requireValidSignature(carried.signer(), carried.signature());
        signatures.add(carried);
      } catch (IllegalArgumentException invalid) {
        dropped.add(invalid.getMessage());
      }
    }
    if (signatures.size() >= beacon.threshold()) {
      stage = ReleaseStage.PUBLISHING;
      thresholdReachedAtMillis = Workflow.currentTimeMillis();
    }
    return "started again after a platform restart: "
        + signatures.size()
        + " of "
        + resumed.signatures().size()
        + " accepted signatures re-admitted"
        + (dropped.isEmpty() ? "" : " (" + String.join("; ", dropped) + ")")
        + (stage == ReleaseStage.PUBLISHING ? ", threshold reached, publishing" : "");
  }

  /** Waits for the threshold, enough declines, a withdrawal or the deadline. */
  private void awaitDecision() {
    while (stage == ReleaseStage.AWAITING_SIGNATURES) {
      long remaining = proposal.deadline() * 1000 - Workflow.currentTimeMillis();
      boolean woke =
          remaining > 0
              && Workflow.await(
                  Duration.ofMillis(remaining),
                  () -> !unrecorded.isEmpty() || stage != ReleaseStage.AWAITING_SIGNATURES);
      recordSteps();
      if (!woke && stage == ReleaseStage.AWAITING_SIGNATURES) {
        end(
            ReleaseStage.EXPIRED,
            "deadline "
                + Instant.ofEpochSecond(proposal.deadline())
                + " passed with "
                + signatures.size()
                + " of "
                + beacon.threshold()
                + " signatures",
            "system");
      }
    }
  }

  private void publish() {
    recordSteps();
    PublishReceipt receipt;
    try {
      receipt =
          publisher.publish(
              new PublishRequest(
                  releaseId(),
                  proposal.tier(),
                  proposal.version(),
                  action.imageDigest().value(),
                  action.minimumVersion(),
                  action.notesUri(),
                  action.nonce().toString(),
                  action.deadline(),
                  signaturesBySigner()));
    } catch (ActivityFailure failure) {
      end(
          ReleaseStage.FAILED,
          "the multisig refused: " + SignedUpdates.failureMessage(failure),
          "system");
      return;
    }
    transactionHash = receipt.transactionHash();
    blockNumber = receipt.blockNumber();
    PublishedEvent event = eventFollower.awaitPublished(receipt);
    if (!event.version().equals(proposal.version())
        || !event.imageDigest().equals(action.imageDigest().value())) {
      end(
          ReleaseStage.FAILED,
          "the beacon's event shows "
              + event.version()
              + " "
              + event.imageDigest()
              + ", not what was signed",
          "system");
      return;
    }
    recordedAtMillis = Workflow.currentTimeMillis();
    end(
        ReleaseStage.PUBLISHED,
        null,
        "system",
        "transaction " + transactionHash + " in block " + blockNumber);
  }

  /** The contract wants signatures ordered by signer address, ascending. */
  private List<String> signaturesBySigner() {
    return signatures.stream()
        .sorted(Comparator.comparing(s -> Address.of(s.signer())))
        .map(CollectedSignature::signature)
        .toList();
  }

  @Override
  public SignatureAccepted sign(SignCommand command) {
    SignedUpdates.recheck(() -> validateSign(command), SIGNATURE_REFUSED);
    Address signer = Address.of(command.signer());
    signatures.add(
        new CollectedSignature(
            signer.value(),
            command.signature().trim(),
            command.submittedBy(),
            Workflow.currentTimeMillis()));
    boolean thresholdReached = signatures.size() >= beacon.threshold();
    if (thresholdReached) {
      stage = ReleaseStage.PUBLISHING;
      thresholdReachedAtMillis = Workflow.currentTimeMillis();
    }
    queueStep(
        command.submittedBy(),
        "release.signed",
        "signature "
            + signatures.size()
            + " of "
            + beacon.threshold()
            + " by "
            + signer.checksummed()
            + (thresholdReached ? "; threshold reached, publishing" : ""));
    return accepted();
  }

  @Override
  public void validateSign(SignCommand command) {
    requireCollecting("signed");
    requireValidSignature(command.signer(), command.signature());
  }

  /** A signature by a member of the signer set who has not answered yet, over this action. */
  private void requireValidSignature(String claimedSigner, String signature) {
    Address signer = requireSigner(claimedSigner);
    if (signature == null) {
      throw refused("the signature is missing");
    }
    Address recovered = recover(digest, signature);
    if (!recovered.equals(signer)) {
      throw refused(
          "the signature is not "
              + signer.checksummed()
              + "'s over this release (it recovers to "
              + recovered.checksummed()
              + "): it was made over other data or with another key");
    }
  }

  @Override
  public SignatureAccepted decline(DeclineCommand command) {
    SignedUpdates.recheck(() -> validateDecline(command), SIGNATURE_REFUSED);
    Address signer = Address.of(command.signer());
    declines.add(
        new Declined(
            signer.value(),
            command.reason().strip(),
            command.submittedBy(),
            Workflow.currentTimeMillis()));
    int stillPossible = beacon.signers().size() - declines.size();
    String detail = "declined by " + signer.checksummed() + ": " + command.reason().strip();
    if (stillPossible < beacon.threshold()) {
      end(
          ReleaseStage.DECLINED,
          detail
              + " ("
              + declines.size()
              + " of "
              + beacon.signers().size()
              + " declined; "
              + beacon.threshold()
              + " signatures can no longer be reached)",
          command.submittedBy());
    } else {
      queueStep(command.submittedBy(), "release.declined", detail);
    }
    return accepted();
  }

  @Override
  public void validateDecline(DeclineCommand command) {
    requireCollecting("declined");
    Address signer = requireSigner(command.signer());
    DeclineAction declineAction;
    try {
      declineAction = new DeclineAction(digest, command.reason());
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    if (command.signature() == null) {
      throw refused("the signature is missing");
    }
    if (!recover(declineAction.digest(domain), command.signature()).equals(signer)) {
      throw refused(
          "the signature is not "
              + signer.checksummed()
              + "'s over declining this release with this reason");
    }
  }

  @Override
  public ReleaseState withdraw(WithdrawCommand command) {
    end(
        ReleaseStage.WITHDRAWN,
        "withdrawn by " + command.actor() + ": " + command.reason().strip(),
        command.actor());
    return getState();
  }

  @Override
  public void validateWithdraw(WithdrawCommand command) {
    if (command.actor() == null || command.actor().isBlank()) {
      throw refused("the withdrawal names no one");
    }
    if (!command.byReleaseManager()) {
      throw refused(command.actor() + " is not an admin; only admins withdraw releases");
    }
    if (command.reason() == null || command.reason().isBlank()) {
      throw refused("a withdrawal needs a reason");
    }
    if (command.reason().length() > 500) {
      throw refused("the reason is longer than 500 characters");
    }
    if (stage != ReleaseStage.AWAITING_SIGNATURES && stage != ReleaseStage.PREPARING) {
      throw refused("the release is " + describeStage() + " and can no longer be withdrawn");
    }
  }

  @Override
  public ReleaseState getState() {
    return new ReleaseState(
        releaseId(),
        stage,
        proposal,
        beacon == null ? null : beacon.backend(),
        beacon == null ? 0 : beacon.chainId(),
        beacon == null ? null : beacon.multisig(),
        action == null ? null : action.nonce().toString(),
        digest == null ? null : "0x" + HexFormat.of().formatHex(digest),
        beacon == null ? List.of() : beacon.signers(),
        beacon == null ? 0 : beacon.threshold(),
        signatures,
        declines,
        beacon == null || beacon.current() == null ? "" : beacon.current().version(),
        transactionHash,
        blockNumber,
        reason,
        thresholdReachedAtMillis,
        recordedAtMillis);
  }

  private SignatureAccepted accepted() {
    return new SignatureAccepted(stage, signatures.size(), declines.size(), beacon.threshold());
  }

  private void requireCollecting(String verb) {
    if (stage == ReleaseStage.PREPARING) {
      throw refused("the release is still being prepared (reading the beacon); try again shortly");
    }
    if (stage != ReleaseStage.AWAITING_SIGNATURES) {
      throw refused("the release is " + describeStage() + " and can no longer be " + verb);
    }
    if (Workflow.currentTimeMillis() > proposal.deadline() * 1000) {
      throw refused(
          "the release's deadline " + Instant.ofEpochSecond(proposal.deadline()) + " has passed");
    }
  }

  /** A member of the signer set who has neither signed nor declined yet. */
  private Address requireSigner(String claimed) {
    Address signer;
    try {
      signer = Address.of(claimed);
    } catch (IllegalArgumentException e) {
      throw refused("signer: " + e.getMessage());
    }
    if (!beacon.signers().contains(signer.value())) {
      throw refused(signer.checksummed() + " is not in the multisig's signer set");
    }
    if (signatures.stream().anyMatch(s -> s.signer().equals(signer.value()))) {
      throw refused(signer.checksummed() + " already signed this release");
    }
    if (declines.stream().anyMatch(d -> d.signer().equals(signer.value()))) {
      throw refused(signer.checksummed() + " already declined this release");
    }
    return signer;
  }

  private static Address recover(byte[] digest, String signature) {
    try {
      return Signatures.recover(digest, signature);
    } catch (IllegalArgumentException e) {
      throw refused("malformed signature: " + e.getMessage());
    }
  }

  private void end(ReleaseStage finalStage, String why, String actor) {
    end(finalStage, why, actor, why);
  }

  private void end(ReleaseStage finalStage, String why, String actor, String detail) {
    stage = finalStage;
    reason = why;
    queueStep(actor, "release." + finalStage.name().toLowerCase(), detail);
  }

  private void queueStep(String actor, String auditAction, String detail) {
    steps++;
    unrecorded.add(
        new ReleaseProgress(
            releaseId(),
            proposal.tier(),
            proposal.version(),
            proposal.imageDigest(),
            stage.name(),
            proposal.proposedBy(),
            proposal.deadline(),
            beacon == null ? 0 : beacon.threshold(),
            signatures.stream().map(CollectedSignature::signer).toList(),
            declines.stream().map(Declined::signer).toList(),
            transactionHash,
            reason,
            new AuditStep(steps, actor, auditAction, detail),
            new Terms(
                proposal.minimumVersion(),
                proposal.notesUri(),
                proposal.downgradeReason(),
                action == null ? null : action.nonce().toString(),
                signatures.stream()
                    .map(
                        s ->
                            new AcceptedSignature(
                                s.signer(), s.signature(), s.submittedBy(), s.atMillis()))
                    .toList())));
  }

  /** Writes the queued steps to the read model; the Temporal UI's stage follows it. */
  private void recordSteps() {
    while (!unrecorded.isEmpty()) {
      readModel.record(unrecorded.poll());
    }
    visible.show(
        stage.name(),
        ReleaseApprovalWorkflow.summary(proposal)
            + (stage.isFinal() ? ": " + stage + (reason == null ? "" : " (" + reason + ")") : ""));
  }

  private long nowSeconds() {
    return Workflow.currentTimeMillis() / 1000;
  }

  private String describeStage() {
    return stage.name().toLowerCase().replace('_', ' ');
  }

  private String releaseId() {
    return Workflow.getInfo().getWorkflowId();
  }

  /** Validator refusals reach the caller as the update's failure message. */
  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
