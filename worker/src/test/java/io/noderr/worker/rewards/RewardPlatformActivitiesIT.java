package io.noderr.worker.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.noderr.activities.rewards.ComputeRequest;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.GatherRequest;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.activities.rewards.RewardEpochProgress;
import io.noderr.activities.rewards.RewardEpochProgress.AuditStep;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochRow;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.rewards.RewardNodeRow;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.signing.Address;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.worker.telemetry.TelemetryRetentionProperties;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The reward platform activities on PostgreSQL, over a one-hour window two hours ago with the
 * agents' default 10 s report interval (360 slots). Operators A (50,000 NODR staked), B (200,000)
 * and C (10,000) have approved applications; a fifth node's operator has none.
 */
class RewardPlatformActivitiesIT {

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            Binder defaults = new Binder(new MapConfigurationPropertySource());
            context.registerBean(
                RewardProperties.class,
                () -> defaults.bindOrCreate("noderr.rewards", RewardProperties.class));
            context.registerBean(
                TelemetryRetentionProperties.class,
                () ->
                    defaults.bindOrCreate(
                        "noderr.telemetry.retention", TelemetryRetentionProperties.class));
            context.registerBean(RewardPlatformActivitiesImpl.class);
          });

  private static final long EPOCH = 7;
  private static final String A = "0x" + "a".repeat(40);
  private static final String B = "0x" + "b".repeat(40);
  private static final String C = "0x" + "c".repeat(40);
  private static final BigInteger NODR = BigInteger.TEN.pow(18);
  private static final BigInteger EMISSION = NODR.multiply(BigInteger.valueOf(1_000));
  private static final BigInteger FEES = NODR.multiply(BigInteger.TEN);
  private static final BigInteger CARRIED = BigInteger.valueOf(7);
  private static final BigInteger POOL = EMISSION.add(FEES).add(CARRIED);

  private final Instant start =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
  private final Instant end = start.plus(Duration.ofHours(1));
  private final RewardPlatformActivitiesImpl activities =
      db.bean(RewardPlatformActivitiesImpl.class);
  private final RewardEpochs epochs = db.bean(RewardEpochs.class);

  @BeforeEach
  void fleet() {
    application(A, "APPROVED");
    application(B, "REGISTERED");
    application(C.toUpperCase().replace("0X", "0x"), "APPROVED");
    application("0x" + "d".repeat(40), "REJECTED");
    db.insertNode("all-up", A, Tier.ALL, "eu-west", "ACTIVE");
    db.insertNode("oracle-slashed", A, Tier.ORACLE, "eu-west", "ACTIVE");
    db.insertNode("oracle-flaky", B, Tier.ORACLE, "eu-west", "DEGRADED");
    db.insertNode("guardian-sick", C, Tier.GUARDIAN, "eu-west", "ACTIVE");
    db.insertNode("all-anonymous", "fleet-token-operator", Tier.ALL, "eu-west", "ACTIVE");
    db.insertNode("all-retired", A, Tier.ALL, "eu-west", "RETIRED");
    db.jdbc().update("UPDATE nodes SET created_at = ?", Timestamp.from(start.minusSeconds(86_400)));
    // Enrolled after the window: not one of the epoch's nodes.
    db.insertNode("all-late", A, Tier.ALL, "eu-west", "ACTIVE");

    // Slot -1 and the slot at the window's end are outside it.
    samples("all-up", Tier.ALL, -1, 360, "true", "true");
    samples("oracle-slashed", Tier.ORACLE, 0, 359, "true", "true");
    samples("oracle-flaky", Tier.ORACLE, 0, 359, "i % 2 = 0", "true");
    samples("guardian-sick", Tier.GUARDIAN, 0, 359, "true", "i % 4 = 0");
    samples("all-anonymous", Tier.ALL, 0, 359, "true", "true");
    samples("all-retired", Tier.ALL, 0, 359, "true", "true");

    stake(A, 50_000);
    stake(B, 200_000);
    stake(C, 10_000);
    db.jdbc()
        .update(
            "INSERT INTO governance_cursor (chain_id, governor_address, last_block)"
                + " VALUES (31337, '0x"
                + "e".repeat(40)
                + "', 1234)");

    RewardExclusions exclusions = db.bean(RewardExclusions.class);
    exclusions.record(
        "oracle-slashed",
        start.plus(Duration.ofMinutes(30)),
        "slashed: double signing",
        "slashing",
        "0x01");
    exclusions.record("all-up", start.minusSeconds(60), "slashed last epoch", "slashing", null);
    exclusions.record("all-up", end, "slashed next epoch", "slashing", null);
  }

  @Test
  void schedule_usesTheDefaults_untilTheChainDefinesTheValues() {
    EpochWindow opening = new EpochWindow(EPOCH, start.toEpochMilli(), start.toEpochMilli());
    assertThat(activities.schedule(opening))
        .isEqualTo(new EpochSchedule(86_400, EMISSION.toString(), 1));

    parameter(RewardParameterNames.EPOCH_SECONDS, "3600");
    parameter(RewardParameterNames.EMISSION_PER_EPOCH, "5000000000000000000");
    parameter("stake.minimum.all", "1");
    assertThat(activities.schedule(opening))
        .isEqualTo(new EpochSchedule(3_600, "5000000000000000000", 1));
  }

  @Test
  void gatherInputs_measuresEveryNodeOfTheWindow_andStoresTheInputsOnce() {
    parameter(RewardParameterNames.MINIMUM_UPTIME_BP, "4000");

    GatheredInputs gathered = gather();

    assertThat(gathered.epoch()).isEqualTo(EPOCH);
    assertThat(gathered.nodes()).isEqualTo(5);
    assertThat(gathered.operators()).isEqualTo(3);
    assertThat(gathered.exclusions()).isEqualTo(2);
    assertThat(gathered.pool()).isEqualTo(POOL.toString());
    assertThat(gathered.inputsDigest()).matches("0x[0-9a-f]{64}");
    assertThat(epochs.nodes(EPOCH))
        .extracting(
            RewardNodeRow::nodeId,
            RewardNodeRow::operatorAddress,
            RewardNodeRow::tier,
            RewardNodeRow::uptimeBp,
            RewardNodeRow::performanceBp)
        .containsExactly(
            tuple("all-anonymous", null, Tier.ALL, 10_000, 10_000),
            tuple("all-up", A, Tier.ALL, 10_000, 10_000),
            tuple("guardian-sick", C, Tier.GUARDIAN, 10_000, 2_500),
            tuple("oracle-flaky", B, Tier.ORACLE, 5_000, 10_000),
            tuple("oracle-slashed", A, Tier.ORACLE, 10_000, 10_000));
    RewardEpochRow epoch = epochs.of(EPOCH).orElseThrow();
    assertThat(epoch.stage()).isEqualTo("COMPUTING");
    assertThat(epoch.startAt()).isEqualTo(start);
    assertThat(epoch.endAt()).isEqualTo(end);
    assertThat(epoch.emission()).isEqualTo(EMISSION);
    assertThat(epoch.fees()).isEqualTo(FEES);
    assertThat(epoch.carried()).isEqualTo(CARRIED);
    assertThat(epoch.pool()).isEqualTo(POOL);
    assertThat(epoch.snapshot()).isEqualTo("governance follower at block 1234 of chain 31337");
    assertThat(epoch.inputsDigest()).isEqualTo(gathered.inputsDigest());
    // The chain's minimum uptime, the defaults for the rest.
    assertThat(epoch.parameters())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "rewards.performanceShareBp", "8000",
                "rewards.minimumUptimeBp", "4000",
                "rewards.stakeCap", "100000000000000000000000",
                "rewards.tierMultiplierBp.all", "10000",
                "rewards.tierMultiplierBp.oracle", "15000",
                "rewards.tierMultiplierBp.guardian", "20000"));
    var stored = db.bean(RewardEpochInputs.class).load(EPOCH).orElseThrow();
    assertThat(stored.stakes()).hasSize(3);
    assertThat(stored.exclusions())
        .extracting(e -> e.nodeId() + ": " + e.reason())
        .containsExactly(
            "all-anonymous: " + RewardInputGatherer.NO_PAYOUT_ADDRESS,
            "oracle-slashed: slashed: double signing");
    assertThat(RewardDigests.inputs(stored)).isEqualTo(gathered.inputsDigest());

    // Gathering again (a retry) stores nothing more, whatever changed since.
    stake(A, 1);
    assertThat(gather()).isEqualTo(gathered);
    assertThat(count("reward_epoch_nodes")).isEqualTo(5);
    assertThat(count("reward_epoch_stakes")).isEqualTo(3);
    assertThat(count("reward_epoch_exclusions")).isEqualTo(2);
  }

  @Test
  void aWindowOlderThanRawRetention_isMeasuredFromTheMinuteRollups() {
    Instant oldStart = start.minus(Duration.ofDays(3));
    db.jdbc()
        .update(
            "UPDATE nodes SET created_at = ? WHERE id <> 'all-late'",
            Timestamp.from(oldStart.minusSeconds(60)));
    // Six 10 s slots per minute; the flaky node reported in every other minute.
    minutes("all-up", oldStart, 60, 1, 6, 6);
    minutes("oracle-flaky", oldStart, 30, 2, 6, 6);
    minutes("guardian-sick", oldStart, 60, 1, 6, 3);
    // More samples than slots in a minute count as the minute's six slots, no more.
    minutes("oracle-slashed", oldStart, 60, 1, 12, 12);

    activities.gatherInputs(
        new GatherRequest(
            new EpochWindow(
                EPOCH, oldStart.toEpochMilli(), oldStart.plusSeconds(3_600).toEpochMilli()),
            1,
            EMISSION.toString(),
            FEES.toString(),
            CARRIED.toString()));

    assertThat(epochs.nodes(EPOCH))
        .extracting(n -> n.nodeId() + " " + n.uptimeBp() + " " + n.performanceBp())
        .containsExactly(
            "all-anonymous 0 0",
            "all-up 10000 10000",
            "guardian-sick 10000 5000",
            "oracle-flaky 5000 10000",
            "oracle-slashed 10000 10000");
  }

  @Test
  void computePayouts_splitsThePool_withProofsThatVerify_andStoresEveryOutcome() {
    GatheredInputs gathered = gather();

    EpochComputation computation = compute(gathered.inputsDigest());

    // A: 2/3 of the performance and 5/6 of the counted stake, C the rest: 0.8·2/3 + 0.2·5/6 = 0.7.
    BigInteger toA = POOL.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN);
    BigInteger toC = POOL.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
    List<RewardPayoutRow> payouts = epochs.payouts(EPOCH);
    assertThat(payouts)
        .extracting(RewardPayoutRow::operatorAddress, RewardPayoutRow::amount)
        .containsExactly(tuple(A, toA), tuple(C, toC));
    assertThat(payouts.getFirst().effectiveStake())
        .isEqualTo(NODR.multiply(BigInteger.valueOf(50_000)));
    assertThat(computation.recipients()).isEqualTo(2);
    assertThat(computation.pool()).isEqualTo(POOL.toString());
    assertThat(computation.paid()).isEqualTo(toA.add(toC).toString());
    assertThat(new BigInteger(computation.paid()).add(new BigInteger(computation.remainder())))
        .isEqualTo(POOL);
    assertThat(computation.payoutsDigest()).matches("0x[0-9a-f]{64}");
    byte[] root = HexFormat.of().parseHex(computation.root().substring(2));
    for (RewardPayoutRow payout : payouts) {
      List<byte[]> proof =
          payout.proof().stream().map(p -> HexFormat.of().parseHex(p.substring(2))).toList();
      assertThat(
              RewardTree.verify(
                  root,
                  new RewardLeaf(EPOCH, Address.of(payout.operatorAddress()), payout.amount()),
                  proof))
          .isTrue();
    }
    assertThat(epochs.payout(EPOCH, A.toUpperCase().replace("0X", "0x")))
        .hasValueSatisfying(p -> assertThat(p.amount()).isEqualTo(toA));

    assertThat(epochs.nodes(EPOCH))
        .extracting(n -> n.nodeId() + " " + n.status() + " " + n.score() + " " + n.reason())
        .containsExactly(
            "all-anonymous EXCLUDED 0 " + RewardInputGatherer.NO_PAYOUT_ADDRESS,
            "all-up COUNTED 1000000000000 ",
            "guardian-sick COUNTED 500000000000 ",
            "oracle-flaky BELOW_MINIMUM_UPTIME 0 uptime 5000 bp is below the minimum 9000 bp",
            "oracle-slashed EXCLUDED 0 slashed: double signing");
    assertThat(epochs.nodesOf(EPOCH, A))
        .extracting(RewardNodeRow::nodeId)
        .containsExactly("all-up", "oracle-slashed");
    RewardEpochRow epoch = epochs.of(EPOCH).orElseThrow();
    assertThat(epoch.root()).isEqualTo(computation.root());
    assertThat(epoch.payoutsDigest()).isEqualTo(computation.payoutsDigest());

    // Computing again (a retry) returns the stored result and writes nothing more.
    assertThat(compute(gathered.inputsDigest())).isEqualTo(computation);
    assertThat(count("reward_payouts")).isEqualTo(2);
  }

  @Test
  void computePayouts_refusesInputsThatChanged_areMissing_orWereForAnotherFormula() {
    GatheredInputs gathered = gather();
    db.jdbc()
        .update(
            "UPDATE reward_epoch_nodes SET uptime_bp = 10000 WHERE epoch = ? AND node_id = ?",
            EPOCH,
            "oracle-flaky");

    assertRefused(() -> compute(gathered.inputsDigest()), "changed after gathering");
    assertRefused(
        () -> activities.computePayouts(new ComputeRequest(EPOCH + 1, 1, gathered.inputsDigest())),
        "no stored inputs");
    assertRefused(
        () -> activities.computePayouts(new ComputeRequest(EPOCH, 2, gathered.inputsDigest())),
        "formula v2");
    assertThat(count("reward_payouts")).isZero();
  }

  @Test
  void recordProgress_writesTheReadModel_andAuditsEachStepOnce() {
    EpochWindow window = new EpochWindow(EPOCH, start.toEpochMilli(), end.toEpochMilli());
    RewardEpochProgress opened =
        new RewardEpochProgress(
            window,
            "OPEN",
            null,
            null,
            List.of(),
            null,
            null,
            new AuditStep(1, "system", "rewards.epoch-opened", "epoch ends " + end));
    activities.recordProgress(opened);
    activities.recordProgress(opened);

    GatheredInputs gathered = gather();
    EpochComputation computation = compute(gathered.inputsDigest());
    RewardEpochProgress signed =
        new RewardEpochProgress(
            window,
            "AWAITING_SIGNATURES",
            gathered,
            computation,
            List.of(B),
            null,
            null,
            new AuditStep(2, "alice", "rewards.signed", "signature 1 of 2 by " + B));
    activities.recordProgress(signed);
    activities.recordProgress(signed);
    // A late retry of an earlier step does not move the epoch back.
    activities.recordProgress(opened);

    RewardEpochRow epoch = epochs.of(EPOCH).orElseThrow();
    assertThat(epoch.stage()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(epoch.recordedSteps()).isEqualTo(2);
    assertThat(epoch.signers()).containsExactly(B);
    assertThat(epoch.root()).isEqualTo(computation.root());
    assertThat(epoch.paid()).isEqualTo(new BigInteger(computation.paid()));
    assertThat(epoch.inputsDigest()).isEqualTo(gathered.inputsDigest());
    assertThat(epoch.parameters()).isNotEmpty();
    assertThat(epochs.newestFirst(0, 10)).extracting(RewardEpochRow::epoch).containsExactly(EPOCH);
    assertThat(db.bean(AuditLog.class).recentFor("reward-epoch-" + EPOCH, 10))
        .extracting(AuditEntry::actor, AuditEntry::action)
        .containsExactly(tuple("alice", "rewards.signed"), tuple("system", "rewards.epoch-opened"));
  }

  private GatheredInputs gather() {
    return activities.gatherInputs(
        new GatherRequest(
            new EpochWindow(EPOCH, start.toEpochMilli(), end.toEpochMilli()),
            1,
            EMISSION.toString(),
            FEES.toString(),
            CARRIED.toString()));
  }

  private EpochComputation compute(String inputsDigest) {
    return activities.computePayouts(new ComputeRequest(EPOCH, 1, inputsDigest));
  }

  private static void assertRefused(Runnable call, String why) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(RewardFailures.INPUTS_INVALID);
              assertThat(failure.isNonRetryable()).isTrue();
            })
        .hasMessageContaining(why);
  }

  private void application(String signingAddress, String status) {
    db.jdbc()
        .update(
            "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
                + " signing_address, status) VALUES (?, 'op', 'op@example.org', 'ALL', 'eu-west',"
                + " ?, ?)",
            "app-" + signingAddress,
            signingAddress,
            status);
  }

  /**
   * One sample per 10 s slot i in [first, last] where {@code reported}, healthy where {@code
   * healthy}.
   */
  private void samples(
      String nodeId, Tier tier, int first, int last, String reported, String healthy) {
    db.jdbc()
        .update(
            "INSERT INTO telemetry_samples (node_id, at, tier, health)"
                + " SELECT ?, ?::timestamptz + i * interval '10 seconds', ?,"
                + " CASE WHEN "
                + healthy
                + " THEN 'HEALTHY' ELSE 'UNHEALTHY' END"
                + " FROM generate_series(?, ?) i WHERE "
                + reported,
            nodeId,
            Timestamp.from(start),
            tier.name(),
            first,
            last);
  }

  /** {@code count} minute buckets from {@code from}, every {@code every}th minute. */
  private void minutes(
      String nodeId, Instant from, int count, int every, int samples, int healthySamples) {
    db.jdbc()
        .update(
            "INSERT INTO telemetry_minute (node_id, bucket, tier, samples, healthy_samples, errors,"
                + " requests) SELECT ?, ?::timestamptz + i * ? * interval '1 minute', 'ALL', ?, ?,"
                + " 0, 0 FROM generate_series(0, ? - 1) i",
            nodeId,
            Timestamp.from(from),
            every,
            samples,
            healthySamples,
            count);
  }

  private void stake(String address, long nodr) {
    db.jdbc()
        .update(
            "INSERT INTO governance_stakes (address, active, updated_block) VALUES (?, ?, 1)"
                + " ON CONFLICT (address) DO UPDATE SET active = EXCLUDED.active",
            address,
            new BigDecimal(NODR.multiply(BigInteger.valueOf(nodr))));
  }

  private void parameter(String name, String value) {
    db.jdbc()
        .update(
            "INSERT INTO governance_parameters (name, min_value, max_value, value, updated_block,"
                + " updated_tx) VALUES (?, 0, ?, ?, 1, '0x01')",
            name,
            new BigDecimal(value).multiply(BigDecimal.TEN),
            new BigDecimal(value));
  }

  private int count(String table) {
    return db.jdbc()
        .queryForObject("SELECT count(*) FROM " + table + " WHERE epoch = ?", Integer.class, EPOCH);
  }
}
