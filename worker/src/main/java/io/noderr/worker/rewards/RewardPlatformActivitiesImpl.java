package io.noderr.worker.rewards;

import io.noderr.activities.rewards.ComputeRequest;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.GatherRequest;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.activities.rewards.RewardEpochProgress;
import io.noderr.activities.rewards.RewardPlatformActivities;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochStep;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.rewards.RewardMeasurements;
import io.noderr.registry.rewards.RewardResult;
import io.noderr.worker.telemetry.TelemetryRetentionProperties;
import io.noderr.workflows.rewards.RewardEpochWorkflow;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reward epoch's platform steps on PostgreSQL: the governed schedule ({@link RewardSettings}),
 * the inputs gathered and stored once ({@link RewardInputGatherer}), the payouts computed from them
 * and stored with their proofs ({@link RewardPayoutComputer}), and the read model with its audit
 * trail (subject {@code reward-epoch-<epoch>}). Each write runs in one transaction; every method is
 * safe to retry.
 */
public class RewardPlatformActivitiesImpl implements RewardPlatformActivities {

  private final RewardSettings settings;
  private final RewardInputGatherer gatherer;
  private final RewardPayoutComputer computer;
  private final RewardEpochs epochs;
  private final AuditLog audit;

  public RewardPlatformActivitiesImpl(
      GovernanceParameters governance,
      RewardProperties properties,
      TelemetryRetentionProperties retention,
      RewardMeasurements measurements,
      RewardExclusions exclusions,
      RewardEpochInputs inputs,
      RewardEpochs epochs,
      AuditLog audit) {
    this.settings = new RewardSettings(governance, properties);
    this.gatherer =
        new RewardInputGatherer(
            settings,
            measurements,
            exclusions,
            inputs,
            epochs,
            properties.reportInterval(),
            retention.raw());
    this.computer = new RewardPayoutComputer(inputs, epochs);
    this.epochs = epochs;
    this.audit = audit;
  }

  @Override
  public EpochSchedule schedule(EpochWindow opening) {
    return settings.schedule();
  }

  @Override
  @Transactional
  public GatheredInputs gatherInputs(GatherRequest request) {
    return gatherer.gather(request);
  }

  @Override
  @Transactional
  public EpochComputation computePayouts(ComputeRequest request) {
    return computer.compute(request);
  }

  /** The audit row is appended only by the write that moved the read model to its step. */
  @Override
  @Transactional
  public void recordProgress(RewardEpochProgress progress) {
    RewardEpochProgress.AuditStep step = progress.audit();
    long epoch = progress.window().epoch();
    if (epochs.recordStep(step(progress))) {
      audit.append(
          step.actor(),
          step.action(),
          "reward-epoch-" + epoch,
          step.detail(),
          RewardEpochWorkflow.WORKFLOW_ID);
    }
  }

  private static RewardEpochStep step(RewardEpochProgress progress) {
    EpochWindow window = progress.window();
    return new RewardEpochStep(
        window.epoch(),
        progress.audit().step(),
        Instant.ofEpochMilli(window.startMillis()),
        // The workflow sends 0 before the epoch's length is known.
        window.endMillis() == 0 ? null : Instant.ofEpochMilli(window.endMillis()),
        progress.stage(),
        progress.inputs() == null ? null : new BigInteger(progress.inputs().pool()),
        progress.inputs() == null ? null : progress.inputs().inputsDigest(),
        result(progress.computation()),
        progress.signers() == null ? List.of() : progress.signers(),
        progress.transactionHash(),
        progress.reason());
  }

  private static RewardResult result(EpochComputation computation) {
    if (computation == null) {
      return null;
    }
    return new RewardResult(
        computation.formulaVersion(),
        new BigInteger(computation.pool()),
        new BigInteger(computation.paid()),
        new BigInteger(computation.remainder()),
        computation.recipients(),
        computation.root(),
        computation.payoutsDigest());
  }
}
