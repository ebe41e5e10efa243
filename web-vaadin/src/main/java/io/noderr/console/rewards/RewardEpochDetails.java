package io.noderr.console.rewards;

import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.console.rewards.RewardViews.EpochDetail;
import io.noderr.console.rewards.RewardViews.Pool;
import io.noderr.console.rewards.RewardViews.Signing;
import io.noderr.registry.rewards.RewardEpochRow;
import io.noderr.workflows.rewards.RewardEpochState;
import java.time.Instant;
import java.util.Map;

/**
 * An epoch's detail from the read model, the running workflow's state, or both. The workflow is a
 * step ahead of the read model while it runs the epoch, so its stage, signatures, transaction and
 * reason win; what it does not carry (the pool's parts, the parameters) stays the read model's.
 */
final class RewardEpochDetails {

  private RewardEpochDetails() {}

  static EpochDetail stored(RewardEpochRow row) {
    return new EpochDetail(
        row.epoch(),
        row.startAt(),
        row.endAt(),
        row.stage(),
        new Pool(
            text(row.emission()),
            text(row.fees()),
            text(row.carried()),
            text(row.pool()),
            text(row.paid()),
            text(row.remainder()),
            row.recipients()),
        row.formulaVersion(),
        row.parameters(),
        row.inputsDigest(),
        row.payoutsDigest(),
        row.root(),
        row.transactionHash(),
        row.signers(),
        row.reason(),
        null);
  }

  /** The epoch as only its workflow knows it yet (its steps not written to the read model). */
  static EpochDetail live(RewardEpochState state) {
    GatheredInputs inputs = state.inputs();
    EpochComputation computation = state.computation();
    EpochDetail known =
        new EpochDetail(
            state.epoch(),
            Instant.ofEpochMilli(state.startMillis()),
            state.endMillis() == 0 ? null : Instant.ofEpochMilli(state.endMillis()),
            state.stage().name(),
            new Pool(
                null,
                null,
                state.carriedIn(),
                inputs == null ? null : inputs.pool(),
                computation == null ? null : computation.paid(),
                computation == null ? null : computation.remainder(),
                computation == null ? null : computation.recipients()),
            computation == null ? null : computation.formulaVersion(),
            Map.of(),
            inputs == null ? null : inputs.inputsDigest(),
            computation == null ? null : computation.payoutsDigest(),
            computation == null ? null : computation.root(),
            null,
            state.signed(),
            null,
            null);
    return withLive(known, state);
  }

  /** {@code stored} with the workflow's newer stage, signatures, transaction and reason. */
  static EpochDetail withLive(EpochDetail stored, RewardEpochState state) {
    String root =
        stored.root() == null && state.computation() != null
            ? state.computation().root()
            : stored.root();
    return new EpochDetail(
        stored.epoch(),
        stored.startAt(),
        stored.endAt(),
        state.stage().name(),
        stored.pool(),
        stored.formulaVersion(),
        stored.parameters(),
        stored.inputsDigest(),
        stored.payoutsDigest(),
        root,
        state.transactionHash() != null ? state.transactionHash() : stored.transactionHash(),
        state.signed(),
        state.reason() != null ? state.reason() : stored.reason(),
        state.digest() == null
            ? null
            : new Signing(
                state.signers(),
                state.threshold(),
                state.signed(),
                state.digest(),
                state.signingDeadline()));
  }

  private static String text(Object value) {
    return RewardViews.text(value);
  }
}
