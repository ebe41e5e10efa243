package io.noderr.workflows.rewards;

import io.noderr.signing.Address;
import io.noderr.workflows.rewards.NodeOutcome.Status;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reward formula version 1 (docs/economics.md works an example by hand).
 *
 * <ol>
 *   <li>A node counts when it is not excluded and its uptime reaches the governed minimum; its
 *       score is uptime × performance × tier multiplier (basis points).
 *   <li>An operator's performance score N is the sum of its counted nodes' scores; its effective
 *       stake S is its snapshot stake capped at the stake cap, and 0 when N is 0 (stake alone earns
 *       nothing: rewards pay for running nodes).
 *   <li>The pool splits into a performance part (share P) and a stake part (10,000 − P): operator i
 *       gets pool × (P·N_i/ΣN + (10,000−P)·S_i/ΣS) / 10,000, computed as one fraction with the
 *       common denominator 10,000·ΣN·ΣS and floored once, so Σ payouts ≤ pool and the remainder
 *       (fewer than one unit per recipient) is carried to the next epoch. When no counted operator
 *       has stake, the stake part follows performance too.
 * </ol>
 *
 * Pure and exact: BigInteger throughout, inputs sorted before use, so the same inputs give the same
 * payouts on every machine and in every replay.
 */
public final class RewardFormulaV1 {

  public static final int VERSION = 1;

  private static final BigInteger WHOLE = BigInteger.valueOf(BasisPoints.WHOLE);

  private RewardFormulaV1() {}

  public static RewardPayouts compute(RewardInputs inputs) {
    RewardParameters parameters = inputs.parameters();
    Map<String, String> exclusions = exclusionReasons(inputs.exclusions());
    List<NodeOutcome> outcomes = new ArrayList<>();
    Map<Address, BigInteger> performance = new TreeMap<>();
    inputs.nodes().stream()
        .sorted(Comparator.comparing(NodeEpoch::nodeId))
        .forEach(
            node -> {
              NodeOutcome outcome = outcome(node, parameters, exclusions.get(node.nodeId()));
              outcomes.add(outcome);
              if (outcome.score().signum() > 0) {
                performance.merge(node.operator(), outcome.score(), BigInteger::add);
              }
            });

    Map<Address, BigInteger> stakes = new TreeMap<>();
    inputs.stakes().forEach(s -> stakes.put(s.operator(), s.stake().min(parameters.stakeCap())));
    Map<Address, BigInteger> effectiveStake = new TreeMap<>();
    performance
        .keySet()
        .forEach(o -> effectiveStake.put(o, stakes.getOrDefault(o, BigInteger.ZERO)));

    BigInteger pool = inputs.pool().total();
    BigInteger totalPerformance = sum(performance);
    BigInteger totalStake = sum(effectiveStake);
    List<OperatorPayout> payouts = new ArrayList<>();
    if (totalPerformance.signum() > 0) {
      Weights weights = new Weights(parameters.performanceShareBp(), totalPerformance, totalStake);
      performance.forEach(
          (operator, score) -> {
            BigInteger stake = effectiveStake.get(operator);
            BigInteger amount =
                pool.multiply(weights.of(score, stake)).divide(weights.denominator());
            if (amount.signum() > 0) {
              payouts.add(new OperatorPayout(operator, score, stake, amount));
            }
          });
    }
    BigInteger paid =
        payouts.stream().map(OperatorPayout::amount).reduce(BigInteger.ZERO, BigInteger::add);
    return new RewardPayouts(inputs.epoch(), VERSION, pool, payouts, outcomes, pool.subtract(paid));
  }

  /**
   * An operator's weight over the common denominator 10,000·ΣN·ΣS; with no stake counted, the
   * weight is N over ΣN.
   */
  private record Weights(
      int performanceShareBp, BigInteger totalPerformance, BigInteger totalStake) {

    BigInteger of(BigInteger performance, BigInteger stake) {
      if (totalStake.signum() == 0) {
        return performance;
      }
      BigInteger performancePart =
          BigInteger.valueOf(performanceShareBp).multiply(performance).multiply(totalStake);
      BigInteger stakePart =
          BigInteger.valueOf(BasisPoints.WHOLE - performanceShareBp)
              .multiply(stake)
              .multiply(totalPerformance);
      return performancePart.add(stakePart);
    }

    BigInteger denominator() {
      return totalStake.signum() == 0
          ? totalPerformance
          : WHOLE.multiply(totalPerformance).multiply(totalStake);
    }
  }

  private static NodeOutcome outcome(
      NodeEpoch node, RewardParameters parameters, String exclusion) {
    if (exclusion != null) {
      return new NodeOutcome(
          node.nodeId(), node.operator(), Status.EXCLUDED, BigInteger.ZERO, exclusion);
    }
    if (node.uptimeBp() < parameters.minimumUptimeBp()) {
      return new NodeOutcome(
          node.nodeId(),
          node.operator(),
          Status.BELOW_MINIMUM_UPTIME,
          BigInteger.ZERO,
          "uptime "
              + node.uptimeBp()
              + " bp is below the minimum "
              + parameters.minimumUptimeBp()
              + " bp");
    }
    BigInteger score =
        BigInteger.valueOf(node.uptimeBp())
            .multiply(BigInteger.valueOf(node.performanceBp()))
            .multiply(BigInteger.valueOf(parameters.multiplier(node.tier())));
    return new NodeOutcome(node.nodeId(), node.operator(), Status.COUNTED, score, "");
  }

  /** A node excluded twice (two decisions in one epoch) shows both reasons, in a stable order. */
  private static Map<String, String> exclusionReasons(List<Exclusion> exclusions) {
    return exclusions.stream()
        .collect(
            Collectors.groupingBy(
                Exclusion::nodeId,
                TreeMap::new,
                Collectors.mapping(
                    Exclusion::reason,
                    Collectors.collectingAndThen(
                        Collectors.toList(), RewardFormulaV1::joinSorted))));
  }

  private static String joinSorted(List<String> reasons) {
    return reasons.stream().sorted().distinct().collect(Collectors.joining("; "));
  }

  private static BigInteger sum(Map<Address, BigInteger> values) {
    return values.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }
}
