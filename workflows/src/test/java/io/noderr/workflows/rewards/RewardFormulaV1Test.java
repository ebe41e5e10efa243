package io.noderr.workflows.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.workflows.rewards.NodeOutcome.Status;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formula against the example docs/economics.md works by hand. */
class RewardFormulaV1Test {

  static final Address A = Address.of("0x" + "a".repeat(40));
  static final Address B = Address.of("0x" + "b".repeat(40));
  static final Address C = Address.of("0x" + "c".repeat(40));
  static final Address D = Address.of("0x" + "d".repeat(40));

  /** 80 % by performance, minimum uptime 90 %, stake capped at 5,000 units, tiers 1x/1.5x/2x. */
  static final RewardParameters PARAMETERS =
      new RewardParameters(
          8_000,
          9_000,
          BigInteger.valueOf(5_000),
          Map.of(BeaconTier.ALL, 10_000, BeaconTier.ORACLE, 15_000, BeaconTier.GUARDIAN, 20_000));

  static final RewardInputs WORKED_EXAMPLE =
      new RewardInputs(
          7,
          new RewardPool(BigInteger.valueOf(1_000), BigInteger.valueOf(200), BigInteger.valueOf(3)),
          PARAMETERS,
          List.of(
              new NodeEpoch("n1", A, BeaconTier.ALL, 10_000, 10_000),
              new NodeEpoch("n2", A, BeaconTier.ALL, 8_000, 10_000),
              new NodeEpoch("n3", B, BeaconTier.ORACLE, 10_000, 9_000),
              new NodeEpoch("n4", B, BeaconTier.ALL, 9_500, 10_000),
              new NodeEpoch("n5", C, BeaconTier.ALL, 10_000, 10_000),
              new NodeEpoch("n6", C, BeaconTier.GUARDIAN, 9_000, 8_000)),
          List.of(stake(A, 2_000), stake(B, 8_000), stake(C, 3_000), stake(D, 4_000)),
          List.of(new Exclusion("n5", "slashed in dispute 12")));

  @Test
  void workedExample_paysWhatTheDocsComputeByHand() {
    RewardPayouts payouts = RewardFormulaV1.compute(WORKED_EXAMPLE);

    assertThat(payouts.pool()).isEqualTo(1_203);
    assertThat(payouts.payouts())
        .containsExactly(
            new OperatorPayout(
                A, score(10_000), BigInteger.valueOf(2_000), BigInteger.valueOf(251)),
            new OperatorPayout(
                B, score(23_000), BigInteger.valueOf(5_000), BigInteger.valueOf(587)),
            new OperatorPayout(
                C, score(14_400), BigInteger.valueOf(3_000), BigInteger.valueOf(364)));
    assertThat(payouts.remainder()).isEqualTo(1);
    assertThat(payouts.formulaVersion()).isEqualTo(RewardFormulaV1.VERSION);
  }

  @Test
  void workedExample_explainsEveryNode() {
    List<NodeOutcome> nodes = RewardFormulaV1.compute(WORKED_EXAMPLE).nodes();

    assertThat(nodes)
        .extracting(NodeOutcome::nodeId)
        .containsExactly("n1", "n2", "n3", "n4", "n5", "n6");
    assertThat(nodes)
        .extracting(NodeOutcome::status)
        .containsExactly(
            Status.COUNTED,
            Status.BELOW_MINIMUM_UPTIME,
            Status.COUNTED,
            Status.COUNTED,
            Status.EXCLUDED,
            Status.COUNTED);
    assertThat(nodes.get(1).reason()).isEqualTo("uptime 8000 bp is below the minimum 9000 bp");
    assertThat(nodes.get(4).reason()).isEqualTo("slashed in dispute 12");
    assertThat(nodes.get(2).score()).isEqualTo(score(13_500));
  }

  @Test
  void noCountedNode_carriesTheWholePool() {
    RewardInputs inputs =
        new RewardInputs(
            1,
            RewardPool.of(500),
            PARAMETERS,
            List.of(new NodeEpoch("n1", A, BeaconTier.ALL, 1_000, 10_000)),
            List.of(stake(A, 1_000)),
            List.of());

    RewardPayouts payouts = RewardFormulaV1.compute(inputs);

    assertThat(payouts.payouts()).isEmpty();
    assertThat(payouts.remainder()).isEqualTo(500);
  }

  @Test
  void noStakeCounted_theStakePartFollowsPerformance() {
    RewardInputs inputs =
        new RewardInputs(
            1,
            RewardPool.of(900),
            PARAMETERS,
            List.of(
                new NodeEpoch("n1", A, BeaconTier.ALL, 10_000, 10_000),
                new NodeEpoch("n2", B, BeaconTier.GUARDIAN, 10_000, 10_000)),
            List.of(stake(D, 9_000)),
            List.of());

    assertThat(RewardFormulaV1.compute(inputs).payouts())
        .extracting(OperatorPayout::amount)
        .containsExactly(BigInteger.valueOf(300), BigInteger.valueOf(600));
  }

  @Test
  void refusesInputsThatCannotBeRight() {
    assertThatThrownBy(() -> new NodeEpoch("n1", A, BeaconTier.ALL, 10_001, 0))
        .hasMessage("node n1's uptime must be between 0 and 10000 basis points, not 10001");
    assertThatThrownBy(
            () ->
                new RewardInputs(
                    1,
                    RewardPool.of(1),
                    PARAMETERS,
                    List.of(
                        new NodeEpoch("n1", A, BeaconTier.ALL, 1, 1),
                        new NodeEpoch("n1", B, BeaconTier.ALL, 1, 1)),
                    List.of(),
                    List.of()))
        .hasMessage("the node n1 appears twice");
    assertThatThrownBy(
            () ->
                new RewardParameters(
                    8_000,
                    9_000,
                    BigInteger.ONE,
                    Map.of(BeaconTier.ALL, 10_000, BeaconTier.ORACLE, 0)))
        .hasMessageContaining("multiplier must be between 1 and 100000 basis points");
    assertThatThrownBy(
            () -> new RewardPool(BigInteger.ONE, BigInteger.valueOf(-1), BigInteger.ZERO))
        .hasMessage("a reward pool's parts must be ≥ 0, got 1/-1/0");
  }

  static OperatorStake stake(Address operator, long amount) {
    return new OperatorStake(operator, BigInteger.valueOf(amount));
  }

  /** Node scores in the docs are in units of 10^8 (basis points cubed over 10^4). */
  static BigInteger score(long hundredMillions) {
    return BigInteger.valueOf(hundredMillions).multiply(BigInteger.valueOf(100_000_000));
  }
}
