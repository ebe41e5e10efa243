package io.noderr.app.bench;

import io.noderr.activities.release.BeaconTier;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.MultisigRewardRoots;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import io.noderr.workflows.rewards.NodeEpoch;
import io.noderr.workflows.rewards.OperatorPayout;
import io.noderr.workflows.rewards.OperatorStake;
import io.noderr.workflows.rewards.RewardFormulaV1;
import io.noderr.workflows.rewards.RewardInputs;
import io.noderr.workflows.rewards.RewardParameters;
import io.noderr.workflows.rewards.RewardPayouts;
import io.noderr.workflows.rewards.RewardPool;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code ./noderr bench reward-epoch [--nodes 10000] [--operators 2000] [--claims 20] [--rounds
 * 5]}: one reward epoch at fleet scale. Prints the payout computation time (reward formula v1 over
 * every node, exact integers), the Merkle tree build time over the recipients, the proof size, and
 * on ganache the gas of publishing the root through the 2-of-3 multisig and of claims with real
 * proofs (the first claim of an epoch pays more: its claimed total goes from zero to non-zero).
 */
public final class RewardEpochBench {

  private static final long EPOCH = 1;

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.intArgument(args, "--nodes", 10_000);
    int operators = BenchPlatform.intArgument(args, "--operators", 2_000);
    int claims = BenchPlatform.intArgument(args, "--claims", 20);
    int rounds = BenchPlatform.intArgument(args, "--rounds", 5);
    RewardInputs inputs = fleet(nodes, operators);
    BenchPlatform.print("nodes", nodes);
    BenchPlatform.print("operators", operators);

    List<Double> computeMillis = new ArrayList<>();
    List<Double> treeMillis = new ArrayList<>();
    RewardPayouts payouts = null;
    RewardTree tree = null;
    for (int round = 0; round < rounds + 1; round++) {
      long start = System.nanoTime();
      payouts = RewardFormulaV1.compute(inputs);
      long computed = System.nanoTime();
      tree = RewardTree.of(leaves(payouts));
      long built = System.nanoTime();
      if (round > 0) { // the first round warms the JIT up
        computeMillis.add((computed - start) / 1e6);
        treeMillis.add((built - computed) / 1e6);
      }
    }
    BenchPlatform.printPercentiles("ms to compute the payouts", computeMillis);
    BenchPlatform.printPercentiles("ms to build the Merkle tree", treeMillis);
    BenchPlatform.print("recipients", payouts.payouts().size());
    BenchPlatform.print("remainder carried (token units)", payouts.remainder().doubleValue());
    int longest = 0;
    for (OperatorPayout payout : payouts.payouts()) {
      longest = Math.max(longest, tree.proof(payout.operator()).size());
    }
    BenchPlatform.print("proof length (hashes, longest)", longest);
    BenchPlatform.print("proof size (bytes, longest)", longest * 32);

    claimOnChain(tree, payouts, claims);
  }

  /** Operators own 1 to 9 nodes each, 80 % always up, the rest flaky, three tiers mixed. */
  private static RewardInputs fleet(int nodes, int operators) {
    Random random = new Random(42);
    List<Address> addresses =
        IntStream.range(0, operators)
            .mapToObj(i -> Address.of(String.format("0x%040x", 0x1000 + i)))
            .toList();
    List<NodeEpoch> epochNodes = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      boolean flaky = random.nextInt(5) == 0;
      epochNodes.add(
          new NodeEpoch(
              "node-" + i,
              addresses.get(i % operators),
              BeaconTier.values()[random.nextInt(3)],
              flaky ? 4_000 + random.nextInt(6_000) : 10_000,
              7_000 + random.nextInt(3_001)));
    }
    List<OperatorStake> stakes =
        addresses.stream()
            .map(
                a ->
                    new OperatorStake(
                        a,
                        BigInteger.valueOf(1_000 + random.nextInt(200_000))
                            .multiply(BigInteger.TEN.pow(18))))
            .toList();
    RewardParameters parameters =
        new RewardParameters(
            8_000,
            9_000,
            BigInteger.valueOf(100_000).multiply(BigInteger.TEN.pow(18)),
            Map.of(BeaconTier.ALL, 10_000, BeaconTier.ORACLE, 15_000, BeaconTier.GUARDIAN, 20_000));
    return new RewardInputs(
        EPOCH,
        new RewardPool(
            BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(18)),
            BigInteger.ZERO,
            BigInteger.ZERO),
        parameters,
        epochNodes,
        stakes,
        List.of());
  }

  private static List<RewardLeaf> leaves(RewardPayouts payouts) {
    return payouts.payouts().stream()
        .map(p -> new RewardLeaf(payouts.epoch(), p.operator(), p.amount()))
        .toList();
  }

  /** Publishes the root on ganache and claims for the first {@code claims} recipients. */
  private static void claimOnChain(RewardTree tree, RewardPayouts payouts, int claims)
      throws Exception {
    try (DevChain chain = DevChain.start()) {
      DemoDeployment deployment = DemoDeployment.deploy(chain);
      DemoGovernance governance = DemoGovernance.deploy(chain, deployment.multisig());
      DemoEconomics economics =
          DemoEconomics.deploy(
              chain, deployment.multisig(), governance, Duration.ofSeconds(1), Duration.ofHours(1));
      NoderrMultisig multisig =
          NoderrMultisig.load(
              deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
      long deadline = System.currentTimeMillis() / 1000 + 3600;
      PublishRewardRootAction action =
          PublishRewardRootAction.of(
              economics.distributor(), tree, multisig.nonce().send(), deadline);
      List<ECKeyPair> quorum =
          List.of(DemoSigners.key(1), DemoSigners.key(2)).stream()
              .sorted(Comparator.comparing(Signatures::addressOf))
              .toList();
      TransactionReceipt published =
          new MultisigRewardRoots(chain, deployment.multisig()).publish(action, quorum).send();
      BenchPlatform.print(
          "gas to publish the root (multisig, 2 signatures)", published.getGasUsed().doubleValue());
      chain.advanceTime(Duration.ofSeconds(2));
      RewardDistributor distributor =
          RewardDistributor.load(
              economics.distributor().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
      List<Double> gas = new ArrayList<>();
      for (OperatorPayout payout :
          payouts.payouts().subList(0, Math.min(claims, payouts.payouts().size()))) {
        TransactionReceipt claimed =
            distributor
                .claim(
                    BigInteger.valueOf(EPOCH),
                    payout.operator().value(),
                    payout.amount(),
                    tree.proof(payout.operator()))
                .send();
        gas.add(claimed.getGasUsed().doubleValue());
      }
      BenchPlatform.print("gas of the epoch's first claim", gas.getFirst());
      BenchPlatform.printPercentiles("gas per later claim", gas.subList(1, gas.size()));
    }
  }
}
