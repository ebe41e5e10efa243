package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

/**
 * RewardTree against OpenZeppelin's StandardMerkleTree: the fixture holds trees built by {@code
 * @openzeppelin/merkle-tree} (roots and every proof). Regenerate it in contracts/ with {@code node
 * scripts/reward-tree-fixture.js > ../signing/src/test/resources/reward-tree/fixture.json}.
 */
class RewardTreeTest {

  private static final Address ALICE = Address.of("0x" + "a1".repeat(20));
  private static final Address BOB = Address.of("0x" + "b2".repeat(20));
  private static final Address CAROL = Address.of("0x" + "c3".repeat(20));

  record FixtureTree(String name, String root, List<RewardLeaf> leaves, List<List<String>> proofs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<FixtureTree> fixtureTrees() throws Exception {
    try (InputStream in = RewardTreeTest.class.getResourceAsStream("/reward-tree/fixture.json")) {
      JsonNode trees = new ObjectMapper().readTree(in).get("trees");
      List<FixtureTree> result = new ArrayList<>();
      for (JsonNode tree : trees) {
        List<RewardLeaf> leaves = new ArrayList<>();
        List<List<String>> proofs = new ArrayList<>();
        for (JsonNode leaf : tree.get("leaves")) {
          leaves.add(
              new RewardLeaf(
                  Long.parseLong(leaf.get("epoch").asText()),
                  Address.of(leaf.get("account").asText()),
                  new BigInteger(leaf.get("amount").asText())));
          proofs.add(
              StreamSupport.stream(leaf.get("proof").spliterator(), false)
                  .map(JsonNode::asText)
                  .toList());
        }
        result.add(
            new FixtureTree(tree.get("name").asText(), tree.get("root").asText(), leaves, proofs));
      }
      return result;
    }
  }

  @ParameterizedTest
  @MethodSource("fixtureTrees")
  void rootAndProofs_equalOpenZeppelinsStandardMerkleTree(FixtureTree fixture) {
    RewardTree tree = RewardTree.of(fixture.leaves());

    assertThat(tree.rootHex()).isEqualTo(fixture.root());
    assertThat(tree.size()).isEqualTo(fixture.leaves().size());
    for (int i = 0; i < fixture.leaves().size(); i++) {
      RewardLeaf leaf = fixture.leaves().get(i);
      assertThat(hex(tree.proof(leaf.account()))).isEqualTo(fixture.proofs().get(i));
      assertThat(RewardTree.verify(tree.root(), leaf, tree.proof(leaf.account()))).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtureTrees")
  void verify_refusesATamperedAmountEpochOrAccount(FixtureTree fixture) {
    RewardTree tree = RewardTree.of(fixture.leaves());
    RewardLeaf leaf = fixture.leaves().get(0);
    List<byte[]> proof = tree.proof(leaf.account());

    assertThat(
            RewardTree.verify(
                tree.root(),
                new RewardLeaf(leaf.epoch(), leaf.account(), leaf.amount().add(BigInteger.ONE)),
                proof))
        .isFalse();
    assertThat(
            RewardTree.verify(
                tree.root(),
                new RewardLeaf(leaf.epoch() + 1, leaf.account(), leaf.amount()),
                proof))
        .isFalse();
    assertThat(
            RewardTree.verify(
                tree.root(), new RewardLeaf(leaf.epoch(), ALICE, leaf.amount()), proof))
        .isFalse();
  }

  @Test
  void total_isTheSumOfThePayouts() {
    RewardTree tree =
        RewardTree.of(List.of(leaf(3, ALICE, 10), leaf(3, BOB, 0), leaf(3, CAROL, 32)));

    assertThat(tree.total()).isEqualTo(BigInteger.valueOf(42));
    assertThat(tree.epoch()).isEqualTo(3);
  }

  @Test
  void refuses_noLeaves_aRepeatedAccount_mixedEpochs_andUnknownAccounts() {
    assertThatThrownBy(() -> RewardTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RewardTree.of(List.of(leaf(1, ALICE, 1), leaf(1, ALICE, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ALICE.value());
    assertThatThrownBy(() -> RewardTree.of(List.of(leaf(1, ALICE, 1), leaf(2, BOB, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epoch");
    RewardTree tree = RewardTree.of(List.of(leaf(1, ALICE, 1)));
    assertThatThrownBy(() -> tree.proof(BOB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BOB.value());
  }

  @Test
  void leaf_refusesNegativeEpochOrAmount_andNoAccount() {
    assertThatThrownBy(() -> leaf(-1, ALICE, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> leaf(1, ALICE, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RewardLeaf(1, null, BigInteger.ONE))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void twoThousandLeaves_buildWellUnderASecond() {
    List<RewardLeaf> leaves =
        IntStream.range(0, 2_000)
            .mapToObj(
                i ->
                    leaf(
                        7,
                        Address.of(
                            Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(i + 1), 40)),
                        1_000L * i))
            .toList();
    RewardTree.of(leaves); // warm up the JIT and the hash implementation

    long started = System.nanoTime();
    RewardTree tree = RewardTree.of(leaves);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(millis).isLessThan(500);
    RewardLeaf last = leaves.get(leaves.size() - 1);
    assertThat(RewardTree.verify(tree.root(), last, tree.proof(last.account()))).isTrue();
  }

  private static RewardLeaf leaf(long epoch, Address account, long amount) {
    return new RewardLeaf(epoch, account, BigInteger.valueOf(amount));
  }

  private static List<String> hex(List<byte[]> proof) {
    return proof.stream().map(Numeric::toHexString).toList();
  }
}
