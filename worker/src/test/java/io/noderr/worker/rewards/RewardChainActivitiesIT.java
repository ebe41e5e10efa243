package io.noderr.worker.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.rewards.ClawbackRequest;
import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.DistributorQuery;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.PublishRootRequest;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.activities.rewards.RootQuery;
import io.noderr.activities.rewards.RootStatus;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.MultisigRewardRoots;
import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.TestChain;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * The reward epoch's chain steps against the real contracts on ganache: the dev chain's 2-of-3
 * multisig with its demo signers, governance and a fresh distributor and fee collector per test.
 */
class RewardChainActivitiesIT {

  @RegisterExtension static final TestChain testChain = new TestChain();

  private static final Duration PENDING = Duration.ofSeconds(60);
  private static final Duration CLAIM_PERIOD = Duration.ofHours(1);
  private static final Address ALICE = Address.of("0x" + "a1".repeat(20));
  private static final Address BOB = Address.of("0x" + "b2".repeat(20));

  private DevChain chain;
  private DemoDeployment deployment;
  private DemoGovernance governance;
  private DemoEconomics economics;
  private ChainBeacon beacon;
  private RewardChainActivitiesImpl activities;

  @BeforeEach
  void deploy() throws Exception {
    chain = testChain.chain();
    deployment = DemoDeployment.deploy(chain);
    governance = DemoGovernance.deploy(chain, deployment.multisig());
    economics =
        DemoEconomics.deploy(chain, deployment.multisig(), governance, PENDING, CLAIM_PERIOD);
    beacon = ChainBeacon.connect(testChain.beacon(deployment.multisig()), true);
    activities =
        new RewardChainActivitiesImpl(
            new ChainRewards(
                beacon, deployment.multisig(), economics.distributor(), economics.feeCollector()),
            beacon);
  }

  @AfterEach
  void disconnect() {
    beacon.close();
  }

  @Test
  void sweep_splitsTheFees_countsTheRewardShare_andARetryFindsTheSameSweep() throws Exception {
    long end = chainTimeMillis();
    assertThat(activities.sweepFees(new EpochWindow(1, 0, end)))
        .isEqualTo(new FeesSwept(1, "0", "0", null));
    payFee(BigInteger.valueOf(1_001));

    FeesSwept swept = activities.sweepFees(new EpochWindow(1, 0, end));
    FeesSwept retried = activities.sweepFees(new EpochWindow(1, 0, end));

    // 70 % to the reward pool (the multisig) with the rounding remainder, 30 % to the treasury.
    assertThat(swept.toRewards()).isEqualTo("701");
    assertThat(swept.toOthers()).isEqualTo("300");
    assertThat(retried).isEqualTo(swept);
  }

  @Test
  void root_isPublishedOnce_pendingThenClaimable_andAStaleNonceIsRefused() throws Exception {
    DistributorState state = activities.readDistributor(new DistributorQuery(1));
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.lastEpoch()).isZero();
    assertThat(state.pendingDelaySeconds()).isEqualTo(PENDING.toSeconds());
    RewardTree tree = tree(1);
    PublishRootRequest request = signed(tree, state);

    RootPublished published = activities.publishRoot(request);
    RootPublished retried = activities.publishRoot(request);

    assertThat(retried).isEqualTo(published);
    assertThat(status(1)).isEqualTo(RootStatus.State.PENDING);
    chain.advanceTime(PENDING.plusSeconds(1));
    assertThat(status(1)).isEqualTo(RootStatus.State.CLAIMABLE);
    PublishRootRequest stale = signed(tree(2), state);
    assertThatThrownBy(() -> activities.publishRoot(stale))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(RewardFailures.PUBLISH_REFUSED);
              assertThat(f.getOriginalMessage()).startsWith("NonceMoved(" + state.nonce());
            });
  }

  @Test
  void expiredEpochs_areClawedBackOnce() throws Exception {
    activities.publishRoot(signed(tree(1), activities.readDistributor(new DistributorQuery(1))));
    chain.advanceTime(PENDING.plus(CLAIM_PERIOD).plusSeconds(5));

    ClawedBack clawed = activities.clawbackExpired(new ClawbackRequest(2));

    assertThat(clawed.epochs()).containsExactly(1L);
    assertThat(clawed.amount()).isEqualTo("300");
    assertThat(activities.clawbackExpired(new ClawbackRequest(2)).epochs()).isEmpty();
    assertThat(status(1)).isEqualTo(RootStatus.State.EXPIRED);
  }

  private RewardTree tree(long epoch) {
    return RewardTree.of(
        List.of(
            new RewardLeaf(epoch, ALICE, BigInteger.valueOf(100)),
            new RewardLeaf(epoch, BOB, BigInteger.valueOf(200))));
  }

  /** The request the workflow sends once two demo signers signed the tree's root. */
  private PublishRootRequest signed(RewardTree tree, DistributorState state) throws Exception {
    long deadline = chainTimeMillis() / 1000 + 3600;
    PublishRewardRootAction action =
        PublishRewardRootAction.of(
            economics.distributor(), tree, new BigInteger(state.nonce()), deadline);
    byte[] digest = action.digest(new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig()));
    List<String> signatures =
        MultisigRewardRoots.signatures(digest, quorumBySignerAddress()).stream()
            .map(Numeric::toHexString)
            .toList();
    return new PublishRootRequest(
        tree.epoch(), tree.rootHex(), tree.total().toString(), state.nonce(), deadline, signatures);
  }

  /** The multisig wants the signatures ordered by signer address. */
  private static List<ECKeyPair> quorumBySignerAddress() {
    return Stream.of(DemoSigners.key(1), DemoSigners.key(2))
        .sorted(Comparator.comparing(Signatures::addressOf))
        .toList();
  }

  private RootStatus.State status(long epoch) {
    return activities.rootStatus(new RootQuery(epoch)).state();
  }

  private void payFee(BigInteger amount) throws Exception {
    NoderrToken token = governance.token(chain);
    token.mint(chain.sender().getAddress(), amount).send();
    token.approve(economics.feeCollector().value(), amount).send();
    FeeCollector.load(
            economics.feeCollector().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
        .payFee(amount, new byte[32])
        .send();
  }

  private long chainTimeMillis() throws Exception {
    return chain
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact()
        * 1000;
  }
}
