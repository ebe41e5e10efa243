package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The reward-root multisig actions hash their typed data as a standard EIP-712 encoder does; that
 * the contract computes the same digest is checked in contracts' RewardDistributorIT.
 */
class RewardRootActionsTest {

  private static final MultisigDomain DOMAIN = PublishActionTest.DOMAIN;
  private static final Address DISTRIBUTOR = Address.of("0x" + "d1".repeat(20));
  private static final byte[] ROOT = Numeric.hexStringToByteArray("5e".repeat(32));

  private static PublishRewardRootAction publish() {
    return new PublishRewardRootAction(
        DISTRIBUTOR,
        12,
        ROOT,
        new BigInteger("1000000000000000000000"),
        BigInteger.TWO,
        1_900_000_000L);
  }

  @Test
  void publishDigest_equalsTheStandardEncodingOfItsTypedData() throws Exception {
    assertThat(publish().digest(DOMAIN)).isEqualTo(standardDigest(publish().typedData(DOMAIN)));
  }

  @Test
  void cancelDigest_equalsTheStandardEncodingOfItsTypedData() throws Exception {
    CancelRewardRootAction cancel =
        new CancelRewardRootAction(DISTRIBUTOR, 12, BigInteger.TWO, 1_900_000_000L);

    assertThat(cancel.digest(DOMAIN)).isEqualTo(standardDigest(cancel.typedData(DOMAIN)));
    assertThat(cancel.summary(DOMAIN).get(0)).contains("epoch 12", DISTRIBUTOR.checksummed());
  }

  @Test
  void publish_ofATree_takesItsEpochRootAndTotal() {
    RewardTree tree =
        RewardTree.of(
            java.util.List.of(
                new RewardLeaf(5, DISTRIBUTOR, BigInteger.TEN),
                new RewardLeaf(5, DOMAIN.verifyingContract(), BigInteger.TWO)));

    PublishRewardRootAction action =
        PublishRewardRootAction.of(DISTRIBUTOR, tree, BigInteger.ONE, 1_900_000_000L);

    assertThat(action.epoch()).isEqualTo(5);
    assertThat(action.root()).isEqualTo(tree.root());
    assertThat(action.total()).isEqualTo(BigInteger.valueOf(12));
    assertThat(action.summary(DOMAIN).get(0)).contains(tree.rootHex(), "12 token units");
  }

  @Test
  void publish_comparesByValue_andKeepsItsRootFromOutsideChanges() {
    byte[] root = ROOT.clone();
    PublishRewardRootAction action =
        new PublishRewardRootAction(
            DISTRIBUTOR, 12, root, publish().total(), BigInteger.TWO, 1_900_000_000L);
    root[0] = 0;
    action.root()[1] = 0;

    assertThat(action).isEqualTo(publish()).hasSameHashCodeAs(publish());
    assertThat(action.root()).isEqualTo(ROOT);
  }

  @Test
  void refuses_aRootNot32Bytes_aNegativeEpochOrTotal() {
    BigInteger nonce = BigInteger.ONE;
    assertThatThrownBy(
            () ->
                new PublishRewardRootAction(
                    DISTRIBUTOR, 1, new byte[31], BigInteger.ONE, nonce, 1_900_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PublishRewardRootAction(
                    DISTRIBUTOR, -1, ROOT, BigInteger.ONE, nonce, 1_900_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PublishRewardRootAction(
                    DISTRIBUTOR, 1, ROOT, BigInteger.ONE.negate(), nonce, 1_900_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CancelRewardRootAction(DISTRIBUTOR, -1, nonce, 1_900_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] standardDigest(Map<String, Object> typedData) throws Exception {
    return new StructuredDataEncoder(new ObjectMapper().writeValueAsString(typedData))
        .hashStructuredData();
  }
}
