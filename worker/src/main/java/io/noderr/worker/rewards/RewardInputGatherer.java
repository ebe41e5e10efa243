package io.noderr.worker.rewards;

import io.noderr.activities.rewards.GatherRequest;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.registry.rewards.MeasuredNode;
import io.noderr.registry.rewards.RewardEpochInputRows;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardExclusionRow;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.rewards.RewardMeasurements;
import io.noderr.registry.rewards.RewardNodeRow;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Gathers an epoch's inputs once and stores them with their digest ({@link RewardDigests#inputs}).
 *
 * <p>A node whose operator has no payout address cannot be paid (a Merkle leaf needs an address),
 * so it is stored with a null operator and status EXCLUDED, with an exclusion naming why, and left
 * out of the formula's nodes; its uptime and performance are still measured and shown.
 *
 * <p>Telemetry older than raw retention is gone from {@code telemetry_samples}; that part of a
 * window (up to the first whole hour inside retention, since raw samples expire by the hour) is
 * measured from {@code telemetry_minute} instead (see {@link RewardMeasurements}).
 */
final class RewardInputGatherer {

  static final String NO_PAYOUT_ADDRESS =
      "operator has no payout address (no approved application with a signing address)";

  private final RewardSettings settings;
  private final RewardMeasurements measurements;
  private final RewardExclusions exclusions;
  private final RewardEpochInputs inputs;
  private final RewardEpochs epochs;
  private final Duration reportInterval;
  private final Duration rawRetention;

  RewardInputGatherer(
      RewardSettings settings,
      RewardMeasurements measurements,
      RewardExclusions exclusions,
      RewardEpochInputs inputs,
      RewardEpochs epochs,
      Duration reportInterval,
      Duration rawRetention) {
    this.settings = settings;
    this.measurements = measurements;
    this.exclusions = exclusions;
    this.inputs = inputs;
    this.epochs = epochs;
    this.reportInterval = reportInterval;
    this.rawRetention = rawRetention;
  }

  /** The stored inputs' summary; gathers and stores them first when the epoch has none. */
  GatheredInputs gather(GatherRequest request) {
    long epoch = request.window().epoch();
    return inputs
        .load(epoch)
        .map(stored -> summary(stored, epochs.of(epoch).orElseThrow().inputsDigest()))
        .orElseGet(() -> gatherNew(request));
  }

  private GatheredInputs gatherNew(GatherRequest request) {
    Instant start = Instant.ofEpochMilli(request.window().startMillis());
    Instant end = Instant.ofEpochMilli(request.window().endMillis());
    List<RewardNodeRow> nodes = new ArrayList<>();
    TreeSet<RewardExclusionRow> excluded =
        new TreeSet<>(
            Comparator.comparing(RewardExclusionRow::nodeId)
                .thenComparing(RewardExclusionRow::reason));
    exclusions
        .decidedIn(start, end)
        .forEach(e -> excluded.add(new RewardExclusionRow(e.nodeId(), e.reason())));
    for (MeasuredNode node : measurements.nodes(start, end, reportInterval, rawFrom(start, end))) {
      RewardNodeRow row =
          RewardNodeRow.measured(
              node.nodeId(),
              node.payoutAddress(),
              node.tier(),
              node.uptimeBp(),
              node.performanceBp());
      if (node.payoutAddress() == null) {
        row = row.withOutcome("EXCLUDED", null, NO_PAYOUT_ADDRESS);
        excluded.add(new RewardExclusionRow(node.nodeId(), NO_PAYOUT_ADDRESS));
      }
      nodes.add(row);
    }
    RewardEpochInputRows rows =
        new RewardEpochInputRows(
            request.window().epoch(),
            start,
            end,
            request.formulaVersion(),
            new BigInteger(request.emission()),
            new BigInteger(request.fees()),
            new BigInteger(request.carried()),
            RewardSettings.stored(settings.parameters()),
            measurements.stakeSnapshot(),
            nodes,
            measurements.activeStakes(),
            List.copyOf(excluded));
    String digest = RewardDigests.inputs(rows);
    inputs.store(rows, digest);
    return summary(rows, digest);
  }

  /**
   * Where raw samples still cover the window: its start while it is within raw retention, else the
   * first whole hour inside retention (never past the window's end).
   */
  private Instant rawFrom(Instant start, Instant end) {
    Instant retained = Instant.now().minus(rawRetention);
    if (!start.isBefore(retained)) {
      return start;
    }
    Instant firstWholeHour = retained.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    return firstWholeHour.isBefore(end) ? firstWholeHour : end;
  }

  private static GatheredInputs summary(RewardEpochInputRows rows, String digest) {
    int operators =
        (int)
            rows.nodes().stream()
                .map(RewardNodeRow::operatorAddress)
                .filter(Objects::nonNull)
                .distinct()
                .count();
    return new GatheredInputs(
        rows.epoch(),
        rows.nodes().size(),
        operators,
        rows.exclusions().size(),
        rows.pool().toString(),
        digest);
  }
}
