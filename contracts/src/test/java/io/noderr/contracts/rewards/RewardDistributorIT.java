package io.noderr.contracts.rewards;

import static io.noderr.contracts.Reverts.assertRevertsWith;
import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.signing.CancelRewardRootAction;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple7;
import org.web3j.utils.Numeric;

/**
 * Reward claims on a real EVM (ganache): the multisig publishes an epoch's RewardTree root with two
 * of three signatures, funding the RewardDistributor from its reward pool; operators' rewards are
 * claimed with their proofs once the pending window is over and until the claim period ends; what
 * nobody claimed goes back to the treasury.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RewardDistributorIT {

  private static final Logger log = LoggerFactory.getLogger(RewardDistributorIT.class);
  private static final long EPOCH = 1;
  private static final Duration PAST_PENDING = RewardsFixture.PENDING_DELAY.plusSeconds(1);
  private static final Duration PAST_DEADLINE =
      RewardsFixture.PENDING_DELAY.plus(RewardsFixture.CLAIM_PERIOD).plusSeconds(1);

  private DevChain chain;
  private RewardsFixture f;
  private final List<Address> operators =
      IntStream.range(0, 4).mapToObj(i -> RewardsFixture.address(RewardsFixture.newKey())).toList();

  @BeforeAll
  void startChain() throws Exception {
    chain = DevChain.start();
  }

  @AfterAll
  void stopChain() {
    chain.close();
  }

  @BeforeEach
  void deploy() throws Exception {
    f = new RewardsFixture(chain);
  }

  @Test
  void publishedRoot_paysEachOperatorExactlyItsAmount_onceThePendingWindowIsOver()
      throws Exception {
    RewardTree tree = tree(EPOCH);
    BigInteger poolBefore = f.balanceOf(multisig());

    publish(tree);

    assertThat(f.balanceOf(multisig())).isEqualTo(poolBefore.subtract(tree.total()));
    assertThat(f.balanceOf(f.distributorAddress)).isEqualTo(tree.total());
    assertThat(f.distributor.lastEpoch().send()).isEqualTo(BigInteger.valueOf(EPOCH));
    assertRevertsWith(
        chain.web3j(),
        claim(tree, leaf(tree, 0)),
        "StillPending(uint256,uint256)",
        new Uint256(EPOCH),
        new Uint256(epoch(EPOCH).component4()));

    chain.advanceTime(PAST_PENDING);
    List<BigInteger> gasPerClaim = new ArrayList<>();
    for (int i = 0; i < operators.size(); i++) {
      RewardLeaf leaf = leaf(tree, i);
      TransactionReceipt receipt = claim(tree, leaf).send();
      gasPerClaim.add(receipt.getGasUsed());
      assertThat(f.balanceOf(leaf.account())).isEqualTo(leaf.amount());
      assertThat(f.distributor.isClaimed(BigInteger.valueOf(EPOCH), leaf.account().value()).send())
          .isTrue();
      RewardDistributor.ClaimedEventResponse event =
          RewardDistributor.getClaimedEvents(receipt).get(0);
      assertThat(event.account).isEqualToIgnoringCase(leaf.account().value());
      assertThat(event.amount).isEqualTo(leaf.amount());
    }
    log.info(
        "gas per claim in a tree of {} leaves: first {}, later {}",
        tree.size(),
        gasPerClaim.get(0),
        gasPerClaim.subList(1, gasPerClaim.size()));
    assertThat(epoch(EPOCH).component3()).isEqualTo(tree.total());
    assertThat(f.balanceOf(f.distributorAddress)).isZero();
  }

  @Test
  void claims_withAWrongProof_anotherAccountsProof_aTamperedAmount_orTwice_areRefused()
      throws Exception {
    RewardTree tree = tree(EPOCH);
    publish(tree);
    chain.advanceTime(PAST_PENDING);
    RewardLeaf first = leaf(tree, 0);
    RewardLeaf second = leaf(tree, 1);
    List<byte[]> wrongProof =
        tree.proof(first.account()).stream().map(node -> new byte[32]).toList();
    RewardLeaf inflated =
        new RewardLeaf(EPOCH, first.account(), first.amount().add(BigInteger.ONE));

    assertInvalidProof(
        f.distributor.claim(epochOf(first), first.account().value(), first.amount(), wrongProof),
        first);
    assertInvalidProof(
        f.distributor.claim(
            epochOf(first), first.account().value(), first.amount(), tree.proof(second.account())),
        first);
    assertInvalidProof(
        f.distributor.claim(
            epochOf(inflated),
            inflated.account().value(),
            inflated.amount(),
            tree.proof(first.account())),
        inflated);
    assertThat(f.balanceOf(first.account())).isZero();
    assertThat(f.balanceOf(f.distributorAddress)).isEqualTo(tree.total());

    claim(tree, first).send();
    assertRevertsWith(
        chain.web3j(),
        claim(tree, first),
        "AlreadyClaimed(uint256,address)",
        new Uint256(EPOCH),
        new org.web3j.abi.datatypes.Address(first.account().value()));
    assertThat(f.balanceOf(first.account())).isEqualTo(first.amount());
  }

  @Test
  void afterTheDeadline_claimsAreRefused_andClawbackReturnsTheRemainderToTheTreasuryOnce()
      throws Exception {
    RewardTree tree = tree(EPOCH);
    publish(tree);
    chain.advanceTime(PAST_PENDING);
    RewardLeaf claimed = leaf(tree, 0);
    claim(tree, claimed).send();
    assertRevertsWith(
        chain.web3j(),
        f.distributor.clawback(BigInteger.valueOf(EPOCH)),
        "ClaimPeriodNotOver(uint256,uint256)",
        new Uint256(EPOCH),
        new Uint256(epoch(EPOCH).component5()));

    chain.advanceTime(PAST_DEADLINE);
    RewardLeaf late = leaf(tree, 1);
    assertRevertsWith(
        chain.web3j(),
        claim(tree, late),
        "ClaimPeriodOver(uint256,uint256)",
        new Uint256(EPOCH),
        new Uint256(epoch(EPOCH).component5()));
    assertThat(f.balanceOf(late.account())).isZero();

    BigInteger treasuryBefore = f.balanceOf(f.treasury);
    TransactionReceipt clawback = f.distributor.clawback(BigInteger.valueOf(EPOCH)).send();

    BigInteger remainder = tree.total().subtract(claimed.amount());
    assertThat(f.balanceOf(f.treasury)).isEqualTo(treasuryBefore.add(remainder));
    assertThat(RewardDistributor.getClawedBackEvents(clawback).get(0).amount).isEqualTo(remainder);
    assertThat(f.balanceOf(f.distributorAddress)).isZero();
    assertRevertsWith(
        chain.web3j(),
        f.distributor.clawback(BigInteger.valueOf(EPOCH)),
        "AlreadyClawedBack(uint256)",
        new Uint256(EPOCH));
  }

  @Test
  void cancel_duringThePendingWindow_returnsTheFunds_andTheEpochCannotBeClaimed_butRepublished()
      throws Exception {
    RewardTree tree = tree(EPOCH);
    publish(tree);
    BigInteger treasuryBefore = f.balanceOf(f.treasury);

    CancelRewardRootAction cancel =
        new CancelRewardRootAction(f.distributorAddress, EPOCH, f.nonce(), f.inAnHour());
    TransactionReceipt receipt = cancel(cancel, f.quorum()).send();

    assertThat(RewardDistributor.getRootCancelledEvents(receipt).get(0).by)
        .isEqualToIgnoringCase(multisig().value());
    assertThat(f.balanceOf(f.treasury)).isEqualTo(treasuryBefore.add(tree.total()));
    assertThat(epoch(EPOCH).component6()).isTrue();
    chain.advanceTime(PAST_PENDING);
    assertRevertsWith(
        chain.web3j(), claim(tree, leaf(tree, 0)), "EpochCancelled(uint256)", new Uint256(EPOCH));

    RewardTree corrected = RewardTree.of(List.of(new RewardLeaf(EPOCH, operators.get(0), nodr(1))));
    publish(corrected);
    assertThat(epoch(EPOCH).component1()).isEqualTo(corrected.root());
    assertThat(epoch(EPOCH).component6()).isFalse();
  }

  @Test
  void theGuardian_mayCancelAPendingRootAlone_anOutsiderMayNot() throws Exception {
    RewardTree tree = tree(EPOCH);
    publish(tree);
    ECKeyPair outsider = RewardsFixture.newKey();

    assertRevertsWith(
        chain.web3j(),
        f.distributorAs(outsider).cancelRoot(BigInteger.valueOf(EPOCH)),
        "NotPublisherOrGuardian(address)",
        new org.web3j.abi.datatypes.Address(RewardsFixture.address(outsider).value()));
    TransactionReceipt receipt =
        f.distributorAs(f.guardian()).cancelRoot(BigInteger.valueOf(EPOCH)).send();

    assertThat(RewardDistributor.getRootCancelledEvents(receipt).get(0).by)
        .isEqualToIgnoringCase(RewardsFixture.address(f.guardian()).value());
  }

  @Test
  void cancel_afterThePendingWindow_isRefused() throws Exception {
    RewardTree tree = tree(EPOCH);
    publish(tree);
    chain.advanceTime(PAST_PENDING);

    CancelRewardRootAction cancel =
        new CancelRewardRootAction(f.distributorAddress, EPOCH, f.nonce(), f.inAnHour());
    assertRevertsWith(
        chain.web3j(),
        cancel(cancel, f.quorum()),
        "NoLongerPending(uint256,uint256)",
        new Uint256(EPOCH),
        new Uint256(epoch(EPOCH).component4()));
    assertThat(f.balanceOf(f.distributorAddress)).isEqualTo(tree.total());
  }

  @Test
  void digests_computedOffChain_equalTheMultisigsOwn() throws Exception {
    RewardTree tree = tree(EPOCH);
    PublishRewardRootAction publish =
        PublishRewardRootAction.of(f.distributorAddress, tree, f.nonce(), f.inAnHour());
    CancelRewardRootAction cancel =
        new CancelRewardRootAction(f.distributorAddress, EPOCH, f.nonce(), f.inAnHour());

    assertThat(publish.digest(f.multisigDomain()))
        .isEqualTo(
            f.multisig
                .publishRewardRootDigest(
                    publish.distributor().value(),
                    BigInteger.valueOf(publish.epoch()),
                    publish.root(),
                    publish.total(),
                    publish.nonce(),
                    BigInteger.valueOf(publish.deadline()))
                .send());
    assertThat(cancel.digest(f.multisigDomain()))
        .isEqualTo(
            f.multisig
                .cancelRewardRootDigest(
                    cancel.distributor().value(),
                    BigInteger.valueOf(cancel.epoch()),
                    cancel.nonce(),
                    BigInteger.valueOf(cancel.deadline()))
                .send());
  }

  @Test
  void theMultisig_refusesARootSignedForAnotherEpochOrDistributor_orWithOneSignature()
      throws Exception {
    RewardTree tree = tree(EPOCH);
    PublishRewardRootAction action =
        PublishRewardRootAction.of(f.distributorAddress, tree, f.nonce(), f.inAnHour());
    PublishRewardRootAction otherEpoch =
        new PublishRewardRootAction(
            action.distributor(),
            EPOCH + 1,
            action.root(),
            action.total(),
            action.nonce(),
            action.deadline());
    PublishRewardRootAction otherDistributor =
        new PublishRewardRootAction(
            multisig(), EPOCH, action.root(), action.total(), action.nonce(), action.deadline());

    assertSignedForAnotherAction(action, otherEpoch);
    assertSignedForAnotherAction(action, otherDistributor);
    assertRevertsWith(
        chain.web3j(),
        f.publish(action, f.signers.subList(0, 1)),
        "NotEnoughSignatures(uint256,uint256)",
        new Uint256(1),
        new Uint256(2));
    assertThat(f.distributor.lastEpoch().send()).isZero();
    assertThat(f.balanceOf(f.distributorAddress)).isZero();
  }

  @Test
  void publishRoot_byAnyoneButThePublisher_isRefused() throws Exception {
    assertRevertsWith(
        chain.web3j(),
        f.distributor.publishRoot(BigInteger.ONE, tree(EPOCH).root(), BigInteger.ONE),
        "NotPublisher(address)",
        new org.web3j.abi.datatypes.Address(chain.sender().getAddress()));
  }

  @Test
  void epochs_mustStrictlyIncrease() throws Exception {
    publish(tree(5));

    for (long epoch : List.of(5L, 4L, 0L)) {
      PublishRewardRootAction action =
          PublishRewardRootAction.of(f.distributorAddress, tree(epoch), f.nonce(), f.inAnHour());
      assertRevertsWith(
          chain.web3j(),
          f.publish(action, f.quorum()),
          "EpochNotIncreasing(uint256,uint256)",
          new Uint256(epoch),
          new Uint256(5));
    }
    publish(tree(6));
    assertThat(f.distributor.lastEpoch().send()).isEqualTo(BigInteger.valueOf(6));
  }

  /**
   * Signatures over {@code signed} submitted with {@code submitted}'s parameters: the multisig
   * recovers some other address from its own digest, which is no signer.
   */
  private void assertSignedForAnotherAction(
      PublishRewardRootAction submitted, PublishRewardRootAction signed) {
    List<byte[]> signatures =
        RewardsFixture.signatures(signed.digest(f.multisigDomain()), f.quorum());
    String recovered =
        Signatures.recover(
                submitted.digest(f.multisigDomain()), Numeric.toHexString(signatures.get(0)))
            .value();
    assertRevertsWith(
        chain.web3j(),
        f.multisig.publishRewardRoot(
            submitted.distributor().value(),
            BigInteger.valueOf(submitted.epoch()),
            submitted.root(),
            submitted.total(),
            BigInteger.valueOf(submitted.deadline()),
            signatures),
        "NotASigner(address)",
        new org.web3j.abi.datatypes.Address(recovered));
  }

  private void assertInvalidProof(RemoteFunctionCall<TransactionReceipt> claim, RewardLeaf leaf) {
    assertRevertsWith(
        chain.web3j(),
        claim,
        "InvalidProof(uint256,address,uint256)",
        new Uint256(leaf.epoch()),
        new org.web3j.abi.datatypes.Address(leaf.account().value()),
        new Uint256(leaf.amount()));
  }

  /** The operators' payouts in {@code epoch}. */
  private RewardTree tree(long epoch) {
    return RewardTree.of(
        IntStream.range(0, operators.size()).mapToObj(i -> leaf(epoch, i)).toList());
  }

  private RewardLeaf leaf(RewardTree tree, int operator) {
    return leaf(tree.epoch(), operator);
  }

  /** Operator i gets 100 (i + 1) NODR and a few wei, so no two amounts are alike. */
  private RewardLeaf leaf(long epoch, int operator) {
    BigInteger amount = nodr(100L * (operator + 1)).add(BigInteger.valueOf(epoch + operator));
    return new RewardLeaf(epoch, operators.get(operator), amount);
  }

  private void publish(RewardTree tree) throws Exception {
    PublishRewardRootAction action =
        PublishRewardRootAction.of(f.distributorAddress, tree, f.nonce(), f.inAnHour());
    f.publish(action, f.quorum()).send();
  }

  private RemoteFunctionCall<TransactionReceipt> cancel(
      CancelRewardRootAction action, List<ECKeyPair> keys) {
    return f.multisig.cancelRewardRoot(
        action.distributor().value(),
        BigInteger.valueOf(action.epoch()),
        BigInteger.valueOf(action.deadline()),
        RewardsFixture.signatures(action.digest(f.multisigDomain()), keys));
  }

  /** The claim of {@code leaf} with its proof from {@code tree}, submitted by the deployer. */
  private RemoteFunctionCall<TransactionReceipt> claim(RewardTree tree, RewardLeaf leaf) {
    return f.distributor.claim(
        epochOf(leaf), leaf.account().value(), leaf.amount(), tree.proof(leaf.account()));
  }

  private Tuple7<byte[], BigInteger, BigInteger, BigInteger, BigInteger, Boolean, Boolean> epoch(
      long epoch) throws Exception {
    return f.distributor.epochs(BigInteger.valueOf(epoch)).send();
  }

  private static BigInteger epochOf(RewardLeaf leaf) {
    return BigInteger.valueOf(leaf.epoch());
  }

  private Address multisig() {
    return Address.of(f.multisig.getContractAddress());
  }
}
