package io.noderr.workflows.rewards;

import io.noderr.activities.rewards.ClawbackRequest;
import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.ComputeRequest;
import io.noderr.activities.rewards.DistributorQuery;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.GatherRequest;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.activities.rewards.PublishRootRequest;
import io.noderr.activities.rewards.RewardChainActivities;
import io.noderr.activities.rewards.RewardEpochProgress;
import io.noderr.activities.rewards.RewardEpochProgress.AuditStep;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.activities.rewards.RewardPlatformActivities;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.activities.rewards.RootQuery;
import io.noderr.activities.rewards.RootStatus;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.ProgressJournal;
import io.noderr.workflows.QuorumSignatures;
import io.noderr.workflows.SignedUpdates;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;

public class RewardEpochWorkflowImpl implements RewardEpochWorkflow {

  private static final Logger log = Workflow.getLogger(RewardEpochWorkflowImpl.class);

  /** Error type of a signature the state moved past after it was validated. */
  static final String SIGNATURE_REFUSED = "RootSignatureRefused";

  static final String SYSTEM = "system";

  /**
   * Signers get at least this long to sign a root, and at least one epoch: a short demo epoch must
   * not expire its signatures before a person can answer.
   */
  static final Duration MIN_SIGNING_WINDOW = Duration.ofHours(1);

  /**
   * How often a publication is tried again after the multisig's nonce moved under the signatures
   * (another multisig action went first); each try asks the signers again.
   */
  static final int MAX_SIGNING_ROUNDS = 3;

  /** A block's timestamp may trail the workflow's clock; the pending delay is read again after. */
  private static final Duration CHAIN_CLOCK_SLACK = Duration.ofSeconds(10);

  /** Gathering scans a window of telemetry; computing 10,000 nodes takes seconds. */
  static final ActivityOptions PLATFORM =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(5), RewardFailures.INPUTS_INVALID);

  /** Chain reads and idempotent sends retry through RPC outages; refusals are final. */
  static final ActivityOptions CHAIN =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(3), RewardFailures.NOT_CONFIGURED, RewardFailures.PUBLISH_REFUSED);

  private final RewardPlatformActivities platform =
      Workflow.newActivityStub(RewardPlatformActivities.class, PLATFORM);
  private final RewardChainActivities chain =
      Workflow.newActivityStub(RewardChainActivities.class, CHAIN);

  /** Steps for the read model, written in order by the main loop so Updates answer at once. */
  private final ProgressJournal<RewardEpochProgress> journal =
      new ProgressJournal<>(platform::recordProgress);

  private final RewardEpochInput input;
  private RewardEpochStage stage = RewardEpochStage.OPEN;
  private EpochWindow window;
  private GatheredInputs inputs;
  private EpochComputation computation;
  private DistributorState distributor;
  private PublishRewardRootAction action;
  private QuorumSignatures signatures;
  private String transactionHash;
  private long claimableAt;
  private String reason;

  /** Update handlers may run before {@link #run}; they need the epoch from the start. */
  @WorkflowInit
  public RewardEpochWorkflowImpl(RewardEpochInput input) {
    this.input = input;
  }

  @Override
  public void run(RewardEpochInput ignored) {
    EpochSchedule schedule =
        platform.schedule(new EpochWindow(input.epoch(), input.startMillis(), input.startMillis()));
    window =
        new EpochWindow(
            input.epoch(),
            input.startMillis(),
            input.startMillis() + schedule.epochSeconds() * 1000);
    queueStep(
        SYSTEM, "rewards.epoch-opened", "epoch ends " + Instant.ofEpochMilli(window.endMillis()));
    recordSteps();
    sleepUntil(window.endMillis());

    stage = RewardEpochStage.COMPUTING;
    BigInteger carried = compute(schedule);
    if (stage == RewardEpochStage.AWAITING_SIGNATURES) {
      carried = signAndPublish(carried);
    }
    clawBackExpired();
    recordSteps();
    Workflow.await(Workflow::isEveryHandlerFinished);
    recordSteps();
    log.info(
        "reward epoch {} ended {}{}", input.epoch(), stage, reason == null ? "" : ": " + reason);
    Workflow.continueAsNew(
        new RewardEpochInput(input.epoch() + 1, window.endMillis(), carried.toString()));
  }

  /**
   * Sweeps the fees, gathers and computes; returns what the next epoch carries if nothing is paid.
   */
  private BigInteger compute(EpochSchedule schedule) {
    FeesSwept fees = chain.sweepFees(window);
    inputs =
        platform.gatherInputs(
            new GatherRequest(
                window,
                schedule.formulaVersion(),
                schedule.emission(),
                fees.toRewards(),
                input.carried()));
    computation =
        platform.computePayouts(
            new ComputeRequest(input.epoch(), schedule.formulaVersion(), inputs.inputsDigest()));
    BigInteger paid = new BigInteger(computation.paid());
    String summary =
        "pool "
            + computation.pool()
            + " over "
            + inputs.nodes()
            + " nodes of "
            + inputs.operators()
            + " operators (fees "
            + fees.toRewards()
            + "): "
            + computation.recipients()
            + " recipients, "
            + computation.paid()
            + " paid, "
            + computation.remainder()
            + " carried; formula v"
            + computation.formulaVersion();
    if (paid.signum() == 0) {
      end(RewardEpochStage.NOTHING_TO_PAY, "no node counted this epoch", SYSTEM, summary);
      return new BigInteger(computation.remainder());
    }
    stage = RewardEpochStage.AWAITING_SIGNATURES;
    queueStep(SYSTEM, "rewards.computed", summary + ", root " + computation.root());
    return new BigInteger(computation.pool());
  }

  /**
   * Asks for signatures, publishes, and watches the pending delay. Returns what the next epoch
   * carries: the remainder once the root is claimable, the whole pool when it is not.
   */
  private BigInteger signAndPublish(BigInteger wholePool) {
    long signingDeadlineMillis = Workflow.currentTimeMillis() + signingWindow().toMillis();
    for (int round = 1; round <= MAX_SIGNING_ROUNDS; round++) {
      if (!prepareSigning(signingDeadlineMillis)) {
        return wholePool;
      }
      recordSteps();
      boolean signed =
          Workflow.await(
              Duration.ofMillis(Math.max(0, signingDeadlineMillis - Workflow.currentTimeMillis())),
              () -> signatures.complete());
      recordSteps();
      if (!signed) {
        end(
            RewardEpochStage.EXPIRED,
            "the signing window closed with "
                + signatures.count()
                + " of "
                + distributor.threshold()
                + " signatures; the pool is carried to the next epoch",
            SYSTEM);
        return wholePool;
      }
      stage = RewardEpochStage.PUBLISHING;
      RootPublished published = publish();
      if (published != null) {
        return awaitClaimable(published, wholePool);
      }
      if (stage != RewardEpochStage.AWAITING_SIGNATURES) {
        return wholePool;
      }
    }
    end(
        RewardEpochStage.FAILED,
        "the multisig's nonce moved under the signatures " + MAX_SIGNING_ROUNDS + " times",
        SYSTEM);
    return wholePool;
  }

  /** Reads the distributor and builds the exact action signers sign; false when that failed. */
  private boolean prepareSigning(long signingDeadlineMillis) {
    try {
      distributor = chain.readDistributor(new DistributorQuery(input.epoch()));
    } catch (ActivityFailure failure) {
      end(
          RewardEpochStage.FAILED,
          "could not read the distributor: " + SignedUpdates.failureMessage(failure),
          SYSTEM);
      return false;
    }
    if (distributor.lastEpoch() >= input.epoch()) {
      end(
          RewardEpochStage.FAILED,
          "the distributor already holds epoch "
              + distributor.lastEpoch()
              + "; epoch "
              + input.epoch()
              + " can no longer be published",
          SYSTEM);
      return false;
    }
    action =
        new PublishRewardRootAction(
            Address.of(distributor.distributor()),
            input.epoch(),
            HexFormat.of().parseHex(computation.root().substring(2)),
            new BigInteger(computation.paid()),
            new BigInteger(distributor.nonce()),
            signingDeadlineMillis / 1000);
    MultisigDomain domain =
        new MultisigDomain(distributor.chainId(), Address.of(distributor.multisig()));
    signatures =
        new QuorumSignatures(
            distributor.signers(),
            distributor.threshold(),
            action.digest(domain),
            "epoch " + input.epoch() + "'s root");
    stage = RewardEpochStage.AWAITING_SIGNATURES;
    queueStep(
        SYSTEM,
        "rewards.signatures-requested",
        "root "
            + computation.root()
            + " for "
            + computation.paid()
            + " token units needs "
            + distributor.threshold()
            + " of "
            + distributor.signers().size()
            + " signatures, multisig nonce "
            + distributor.nonce());
    return true;
  }

  /**
   * Sends the root; null when it was not published. A refusal after the multisig's nonce moved
   * sends the workflow back to signing; any other refusal fails the epoch.
   */
  private RootPublished publish() {
    recordSteps();
    try {
      RootPublished published =
          chain.publishRoot(
              new PublishRootRequest(
                  input.epoch(),
                  computation.root(),
                  computation.paid(),
                  action.nonce().toString(),
                  action.deadline(),
                  signatures.sortedSignatures()));
      transactionHash = published.transactionHash();
      claimableAt = published.claimableAt();
      stage = RewardEpochStage.PENDING;
      queueStep(
          SYSTEM,
          "rewards.published",
          "transaction "
              + transactionHash
              + " in block "
              + published.blockNumber()
              + ", claimable from "
              + Instant.ofEpochSecond(claimableAt)
              + " until "
              + Instant.ofEpochSecond(published.deadline()));
      return published;
    } catch (ActivityFailure failure) {
      String refusal = SignedUpdates.failureMessage(failure);
      DistributorState now = chain.readDistributor(new DistributorQuery(input.epoch()));
      if (!now.nonce().equals(distributor.nonce())) {
        queueStep(
            SYSTEM,
            "rewards.signatures-void",
            "the multisig's nonce moved from "
                + distributor.nonce()
                + " to "
                + now.nonce()
                + " before publication ("
                + refusal
                + "); signers sign again");
        stage = RewardEpochStage.AWAITING_SIGNATURES;
      } else {
        end(RewardEpochStage.FAILED, "the multisig refused the root: " + refusal, SYSTEM);
      }
      return null;
    }
  }

  /** Waits out the pending delay, then reads whether the signers let the root stand. */
  private BigInteger awaitClaimable(RootPublished published, BigInteger wholePool) {
    recordSteps();
    sleepUntil(published.claimableAt() * 1000 + CHAIN_CLOCK_SLACK.toMillis());
    RootStatus status = chain.rootStatus(new RootQuery(input.epoch()));
    while (status.state() == RootStatus.State.PENDING) {
      Workflow.sleep(CHAIN_CLOCK_SLACK);
      status = chain.rootStatus(new RootQuery(input.epoch()));
    }
    if (status.state() == RootStatus.State.CANCELLED) {
      end(
          RewardEpochStage.CANCELLED,
          "the signers cancelled the root in its pending delay; the pool is carried to the next epoch",
          SYSTEM);
      return wholePool;
    }
    if (status.state() == RootStatus.State.UNKNOWN) {
      end(
          RewardEpochStage.FAILED,
          "the distributor no longer knows epoch " + input.epoch(),
          SYSTEM);
      return wholePool;
    }
    end(RewardEpochStage.CLAIMABLE, null, SYSTEM, "operators may claim until the deadline");
    return new BigInteger(computation.remainder());
  }

  /** Expired epochs' unclaimed rest goes back to the treasury; never holds up the next epoch. */
  private void clawBackExpired() {
    try {
      ClawedBack clawed = chain.clawbackExpired(new ClawbackRequest(input.epoch()));
      if (!clawed.epochs().isEmpty()) {
        queueStep(
            SYSTEM,
            "rewards.clawed-back",
            clawed.amount()
                + " token units of epochs "
                + clawed.epochs()
                + " returned to the treasury");
      }
    } catch (ActivityFailure failure) {
      queueStep(SYSTEM, "rewards.clawback-failed", SignedUpdates.failureMessage(failure));
    }
  }

  @Override
  public RootSignatureAccepted sign(RootSignCommand command) {
    SignedUpdates.recheck(() -> validateSign(command), SIGNATURE_REFUSED);
    signatures.add(command.signer(), command.signature());
    queueStep(
        command.submittedBy(),
        "rewards.signed",
        "signature "
            + signatures.count()
            + " of "
            + distributor.threshold()
            + " by "
            + Address.of(command.signer()).checksummed()
            + (signatures.complete() ? "; threshold reached, publishing" : ""));
    return new RootSignatureAccepted(
        input.epoch(), stage, signatures.count(), distributor.threshold());
  }

  @Override
  public void validateSign(RootSignCommand command) {
    if (command == null) {
      throw new IllegalArgumentException("the signature command is empty");
    }
    if (command.epoch() != input.epoch()) {
      throw new IllegalArgumentException(
          "this is epoch "
              + input.epoch()
              + "; the signature is meant for epoch "
              + command.epoch());
    }
    if (stage != RewardEpochStage.AWAITING_SIGNATURES || signatures == null) {
      throw new IllegalArgumentException(
          "epoch " + input.epoch() + " is " + stage + ", not awaiting signatures");
    }
    if (signatures.complete()) {
      throw new IllegalArgumentException("the root already has its signatures; publishing");
    }
    if (Workflow.currentTimeMillis() > action.deadline() * 1000) {
      throw new IllegalArgumentException(
          "the signing window of epoch " + input.epoch() + " has closed");
    }
    signatures.check(command.signer(), command.signature());
  }

  @Override
  public RewardEpochState getState() {
    return new RewardEpochState(
        input.epoch(),
        stage,
        input.startMillis(),
        window == null ? 0 : window.endMillis(),
        input.carried(),
        inputs,
        computation,
        distributor == null ? 0 : distributor.chainId(),
        distributor == null ? null : distributor.multisig(),
        distributor == null ? null : distributor.distributor(),
        action == null ? null : action.nonce().toString(),
        digestHex(),
        action == null ? 0 : action.deadline(),
        distributor == null ? List.of() : distributor.signers(),
        distributor == null ? 0 : distributor.threshold(),
        signatures == null ? List.of() : signatures.signed(),
        transactionHash,
        claimableAt,
        reason);
  }

  private String digestHex() {
    if (action == null) {
      return null;
    }
    return "0x"
        + HexFormat.of()
            .formatHex(
                action.digest(
                    new MultisigDomain(distributor.chainId(), Address.of(distributor.multisig()))));
  }

  private Duration signingWindow() {
    Duration epoch = Duration.ofMillis(window.endMillis() - window.startMillis());
    return epoch.compareTo(MIN_SIGNING_WINDOW) > 0 ? epoch : MIN_SIGNING_WINDOW;
  }

  private static void sleepUntil(long millis) {
    long remaining = millis - Workflow.currentTimeMillis();
    if (remaining > 0) {
      Workflow.sleep(Duration.ofMillis(remaining));
    }
  }

  private void end(RewardEpochStage finalStage, String why, String actor) {
    end(finalStage, why, actor, why);
  }

  private void end(RewardEpochStage finalStage, String why, String actor, String detail) {
    stage = finalStage;
    reason = why;
    queueStep(actor, "rewards." + finalStage.name().toLowerCase().replace('_', '-'), detail);
  }

  private void queueStep(String actor, String auditAction, String detail) {
    journal.queue(
        step ->
            new RewardEpochProgress(
                window == null ? new EpochWindow(input.epoch(), input.startMillis(), 0) : window,
                stage.name(),
                inputs,
                computation,
                signatures == null ? List.of() : signatures.signed(),
                transactionHash,
                reason,
                new AuditStep(step, actor, auditAction, detail)));
  }

  private void recordSteps() {
    journal.write();
  }
}
