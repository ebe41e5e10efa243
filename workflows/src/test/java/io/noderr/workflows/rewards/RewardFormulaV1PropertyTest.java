package io.noderr.workflows.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The reward formula's promises over generated epochs: exact conservation of the pool, no negative
 * or duplicate rows, determinism whatever the input order, and more uptime or more stake never
 * paying less.
 */
class RewardFormulaV1PropertyTest {

  private static final int OPERATORS = 8;

  @Property
  void payoutsPlusRemainder_equalThePool_andNothingIsNegative(
      @ForAll("epochs") RewardInputs inputs) {
    RewardPayouts payouts = RewardFormulaV1.compute(inputs);

    assertThat(payouts.paid().add(payouts.remainder())).isEqualTo(inputs.pool().total());
    assertThat(payouts.remainder()).isNotNegative();
    assertThat(payouts.payouts()).allSatisfy(p -> assertThat(p.amount()).isPositive());
    assertThat(payouts.payouts())
        .extracting(OperatorPayout::operator)
        .doesNotHaveDuplicates()
        .isSorted();
  }

  @Property
  void theRemainder_isLessThanOneUnitPerRecipient(@ForAll("epochs") RewardInputs inputs) {
    RewardPayouts payouts = RewardFormulaV1.compute(inputs);
    long counted =
        payouts.nodes().stream()
            .filter(n -> n.score().signum() > 0)
            .map(NodeOutcome::operator)
            .distinct()
            .count();

    if (counted > 0) {
      assertThat(payouts.remainder()).isLessThan(BigInteger.valueOf(counted));
    } else {
      assertThat(payouts.remainder()).isEqualTo(inputs.pool().total());
    }
  }

  @Property
  void theSameInputsInAnyOrder_giveTheSamePayouts(
      @ForAll("epochs") RewardInputs inputs, @ForAll long seed) {
    RewardInputs shuffled =
        new RewardInputs(
            inputs.epoch(),
            inputs.pool(),
            inputs.parameters(),
            shuffle(inputs.nodes(), seed),
            shuffle(inputs.stakes(), seed),
            shuffle(inputs.exclusions(), seed));

    assertThat(RewardFormulaV1.compute(shuffled)).isEqualTo(RewardFormulaV1.compute(inputs));
  }

  @Property
  void moreUptime_neverPaysTheOperatorLess(
      @ForAll("epochs") RewardInputs inputs, @ForAll @IntRange(min = 0, max = 200) int nodeIndex) {
    if (inputs.nodes().isEmpty()) {
      return;
    }
    int index = nodeIndex % inputs.nodes().size();
    NodeEpoch node = inputs.nodes().get(index);
    List<NodeEpoch> better = new ArrayList<>(inputs.nodes());
    better.set(
        index,
        new NodeEpoch(node.nodeId(), node.operator(), node.tier(), 10_000, node.performanceBp()));

    assertThat(amountOf(node.operator(), withNodes(inputs, better)))
        .isGreaterThanOrEqualTo(amountOf(node.operator(), inputs));
  }

  @Property
  void moreStake_neverPaysTheOperatorLess(
      @ForAll("epochs") RewardInputs inputs,
      @ForAll @IntRange(min = 0, max = OPERATORS - 1) int operatorIndex,
      @ForAll @IntRange(min = 1, max = 1_000_000) int extra) {
    Address operator = operator(operatorIndex);
    List<OperatorStake> stakes = new ArrayList<>();
    BigInteger current = BigInteger.ZERO;
    for (OperatorStake stake : inputs.stakes()) {
      if (stake.operator().equals(operator)) {
        current = stake.stake();
      } else {
        stakes.add(stake);
      }
    }
    stakes.add(new OperatorStake(operator, current.add(BigInteger.valueOf(extra))));
    RewardInputs richer =
        new RewardInputs(
            inputs.epoch(),
            inputs.pool(),
            inputs.parameters(),
            inputs.nodes(),
            stakes,
            inputs.exclusions());

    assertThat(amountOf(operator, richer)).isGreaterThanOrEqualTo(amountOf(operator, inputs));
  }

  @Property
  void anOperatorWhoseNodesAreAllExcluded_getsNothing(
      @ForAll("epochs") RewardInputs inputs,
      @ForAll @IntRange(min = 0, max = OPERATORS - 1) int operatorIndex) {
    Address operator = operator(operatorIndex);
    List<Exclusion> exclusions = new ArrayList<>(inputs.exclusions());
    inputs.nodes().stream()
        .filter(n -> n.operator().equals(operator))
        .forEach(n -> exclusions.add(new Exclusion(n.nodeId(), "slashed")));
    RewardInputs excluded =
        new RewardInputs(
            inputs.epoch(),
            inputs.pool(),
            inputs.parameters(),
            inputs.nodes(),
            inputs.stakes(),
            exclusions);

    assertThat(amountOf(operator, excluded)).isZero();
  }

  @Provide
  Arbitrary<RewardInputs> epochs() {
    Arbitrary<RewardParameters> parameters =
        Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(24)),
                Arbitraries.integers()
                    .between(1, RewardParameters.MAX_MULTIPLIER_BP)
                    .list()
                    .ofSize(3))
            .as(
                (share, uptime, cap, multipliers) ->
                    new RewardParameters(
                        share,
                        uptime,
                        cap,
                        Map.of(
                            BeaconTier.ALL, multipliers.get(0),
                            BeaconTier.ORACLE, multipliers.get(1),
                            BeaconTier.GUARDIAN, multipliers.get(2))));
    Arbitrary<RewardPool> pools =
        Arbitraries.bigIntegers()
            .between(BigInteger.ZERO, BigInteger.TEN.pow(27))
            .list()
            .ofSize(3)
            .map(parts -> new RewardPool(parts.get(0), parts.get(1), parts.get(2)));
    Arbitrary<List<NodeEpoch>> nodes =
        Combinators.combine(
                Arbitraries.integers().between(0, OPERATORS - 1),
                Arbitraries.of(BeaconTier.class),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000))
            .as(
                (owner, tier, uptime, performance) ->
                    new int[] {owner, tier.ordinal(), uptime, performance})
            .list()
            .ofMaxSize(40)
            .map(RewardFormulaV1PropertyTest::numberedNodes);
    Arbitrary<List<OperatorStake>> stakes =
        Arbitraries.bigIntegers()
            .between(BigInteger.ZERO, BigInteger.TEN.pow(25))
            .list()
            .ofSize(OPERATORS)
            .map(
                amounts ->
                    IntStream.range(0, OPERATORS)
                        .filter(i -> i % 3 != 2) // some operators have no stake at all
                        .mapToObj(i -> new OperatorStake(operator(i), amounts.get(i)))
                        .toList());
    Arbitrary<List<Integer>> excludedIndexes =
        Arbitraries.integers().between(0, 39).list().ofMaxSize(5);
    return Combinators.combine(parameters, pools, nodes, stakes, excludedIndexes)
        .as(
            (params, pool, nodeList, stakeList, excluded) ->
                new RewardInputs(
                    3,
                    pool,
                    params,
                    nodeList,
                    stakeList,
                    excluded.stream()
                        .filter(i -> i < nodeList.size())
                        .map(i -> new Exclusion(nodeList.get(i).nodeId(), "excluded " + i))
                        .toList()));
  }

  private static List<NodeEpoch> numberedNodes(List<int[]> specs) {
    return IntStream.range(0, specs.size())
        .mapToObj(
            i -> {
              int[] spec = specs.get(i);
              return new NodeEpoch(
                  "node-" + i, operator(spec[0]), BeaconTier.values()[spec[1]], spec[2], spec[3]);
            })
        .toList();
  }

  private static Address operator(int index) {
    return Address.of(String.format("0x%040x", index + 1));
  }

  private static RewardInputs withNodes(RewardInputs inputs, List<NodeEpoch> nodes) {
    return new RewardInputs(
        inputs.epoch(),
        inputs.pool(),
        inputs.parameters(),
        nodes,
        inputs.stakes(),
        inputs.exclusions());
  }

  private static BigInteger amountOf(Address operator, RewardInputs inputs) {
    return RewardFormulaV1.compute(inputs).payouts().stream()
        .filter(p -> p.operator().equals(operator))
        .map(OperatorPayout::amount)
        .findFirst()
        .orElse(BigInteger.ZERO);
  }

  private static <T> List<T> shuffle(List<T> list, long seed) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }
}
