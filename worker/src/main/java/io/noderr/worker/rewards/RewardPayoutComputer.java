package io.noderr.worker.rewards;

import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.rewards.ComputeRequest;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.registry.rewards.RewardEpochInputRows;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochRow;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardNodeRow;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.registry.rewards.RewardResult;
import io.noderr.signing.Address;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.workflows.rewards.Exclusion;
import io.noderr.workflows.rewards.NodeEpoch;
import io.noderr.workflows.rewards.NodeOutcome;
import io.noderr.workflows.rewards.OperatorStake;
import io.noderr.workflows.rewards.RewardFormulaV1;
import io.noderr.workflows.rewards.RewardInputs;
import io.noderr.workflows.rewards.RewardPayouts;
import io.noderr.workflows.rewards.RewardPool;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes an epoch's payouts from its stored inputs, after checking they still digest to what was
 * gathered, and stores the payouts with their Merkle proofs and every node's outcome. A stored
 * result is returned as it is.
 */
final class RewardPayoutComputer {

  private final RewardEpochInputs inputs;
  private final RewardEpochs epochs;

  RewardPayoutComputer(RewardEpochInputs inputs, RewardEpochs epochs) {
    this.inputs = inputs;
    this.epochs = epochs;
  }

  EpochComputation compute(ComputeRequest request) {
    long epoch = request.epoch();
    if (request.formulaVersion() != RewardFormulaV1.VERSION) {
      throw refused(
          "epoch "
              + epoch
              + " asks for formula v"
              + request.formulaVersion()
              + "; this platform computes v"
              + RewardFormulaV1.VERSION);
    }
    RewardEpochInputRows stored =
        inputs.load(epoch).orElseThrow(() -> refused("epoch " + epoch + " has no stored inputs"));
    String digest = RewardDigests.inputs(stored);
    if (!digest.equals(request.inputsDigest())) {
      throw refused(
          "the stored inputs of epoch "
              + epoch
              + " digest to "
              + digest
              + ", not to the gathered "
              + request.inputsDigest()
              + ": they changed after gathering");
    }
    if (stored.formulaVersion() != request.formulaVersion()) {
      throw refused(
          "epoch "
              + epoch
              + " was gathered for formula v"
              + stored.formulaVersion()
              + ", not v"
              + request.formulaVersion());
    }
    RewardEpochRow row = epochs.of(epoch).orElseThrow();
    if (row.computed()) {
      return computation(
          epoch,
          new RewardResult(
              row.formulaVersion(),
              row.pool(),
              row.paid(),
              row.remainder(),
              row.recipients(),
              row.root(),
              row.payoutsDigest()));
    }
    return computeNew(stored);
  }

  private EpochComputation computeNew(RewardEpochInputRows stored) {
    long epoch = stored.epoch();
    RewardPayouts payouts = RewardFormulaV1.compute(formulaInputs(stored));
    RewardTree tree =
        payouts.payouts().isEmpty()
            ? null
            : RewardTree.of(
                payouts.payouts().stream()
                    .map(p -> new RewardLeaf(epoch, p.operator(), p.amount()))
                    .toList());
    List<RewardPayoutRow> payoutRows =
        payouts.payouts().stream()
            .map(
                p ->
                    new RewardPayoutRow(
                        epoch,
                        p.operator().value(),
                        p.performanceScore(),
                        p.effectiveStake(),
                        p.amount(),
                        tree.proof(p.operator()).stream().map(RewardPayoutComputer::hex).toList()))
            .toList();
    RewardResult result =
        new RewardResult(
            payouts.formulaVersion(),
            payouts.pool(),
            payouts.paid(),
            payouts.remainder(),
            payoutRows.size(),
            tree == null ? null : tree.rootHex(),
            RewardDigests.payouts(
                epoch, payouts.formulaVersion(), payouts.pool(), payouts.remainder(), payoutRows));
    epochs.storeResult(epoch, result, payoutRows, outcomes(stored.nodes(), payouts.nodes()));
    return computation(epoch, result);
  }

  /** Nodes without a payout address were never the formula's; they stay EXCLUDED with no score. */
  private static List<RewardNodeRow> outcomes(
      List<RewardNodeRow> nodes, List<NodeOutcome> outcomes) {
    Map<String, NodeOutcome> byNode =
        outcomes.stream().collect(Collectors.toMap(NodeOutcome::nodeId, Function.identity()));
    return nodes.stream()
        .map(
            node -> {
              NodeOutcome outcome = byNode.get(node.nodeId());
              return outcome == null
                  ? node.withOutcome(node.status(), BigInteger.ZERO, node.reason())
                  : node.withOutcome(outcome.status().name(), outcome.score(), outcome.reason());
            })
        .toList();
  }

  private static RewardInputs formulaInputs(RewardEpochInputRows stored) {
    return new RewardInputs(
        stored.epoch(),
        new RewardPool(stored.emission(), stored.fees(), stored.carried()),
        RewardSettings.parameters(stored.parameters()),
        stored.nodes().stream()
            .filter(n -> n.operatorAddress() != null)
            .map(
                n ->
                    new NodeEpoch(
                        n.nodeId(),
                        Address.of(n.operatorAddress()),
                        BeaconTier.valueOf(n.tier().name()),
                        n.uptimeBp(),
                        n.performanceBp()))
            .toList(),
        stored.stakes().stream()
            .map(s -> new OperatorStake(Address.of(s.operatorAddress()), s.stake()))
            .toList(),
        stored.exclusions().stream().map(e -> new Exclusion(e.nodeId(), e.reason())).toList());
  }

  private static EpochComputation computation(long epoch, RewardResult result) {
    return new EpochComputation(
        epoch,
        result.formulaVersion(),
        result.pool().toString(),
        result.paid().toString(),
        result.remainder().toString(),
        result.recipients(),
        result.root(),
        result.payoutsDigest());
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, RewardFailures.INPUTS_INVALID);
  }
}
