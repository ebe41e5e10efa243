package io.noderr.signing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The Merkle tree of one reward epoch's payouts, built exactly as OpenZeppelin's {@code
 * StandardMerkleTree.of(values, ["uint256","address","uint256"])} builds it, so its root and proofs
 * are the ones OpenZeppelin's tooling and {@code MerkleProof.verify} agree on: leaves sorted by
 * hash, laid out in an array backwards from the end (node i has children 2i+1 and 2i+2, the root is
 * node 0), and every pair hashed in ascending order (commutative, so a proof needs no left/right
 * flags).
 */
public final class RewardTree {

  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  private final long epoch;
  private final byte[][] nodes;
  private final Map<Address, Integer> nodeOfAccount;
  private final BigInteger total;

  private RewardTree(
      long epoch, byte[][] nodes, Map<Address, Integer> nodeOfAccount, BigInteger total) {
    this.epoch = epoch;
    this.nodes = nodes;
    this.nodeOfAccount = nodeOfAccount;
    this.total = total;
  }

  /**
   * The tree of one epoch's payouts.
   *
   * @throws IllegalArgumentException for no leaves, leaves of different epochs, or an account twice
   *     (its proof would be ambiguous and the contract pays each account once)
   */
  public static RewardTree of(List<RewardLeaf> leaves) {
    if (leaves == null || leaves.isEmpty()) {
      throw new IllegalArgumentException("a reward tree needs at least one leaf");
    }
    long epoch = leaves.get(0).epoch();
    Set<Address> accounts = new HashSet<>();
    BigInteger total = BigInteger.ZERO;
    for (RewardLeaf leaf : leaves) {
      if (leaf.epoch() != epoch) {
        throw new IllegalArgumentException(
            "all leaves must be of one epoch: "
                + leaf.account()
                + " is in epoch "
                + leaf.epoch()
                + ", the first leaf in "
                + epoch);
      }
      if (!accounts.add(leaf.account())) {
        throw new IllegalArgumentException(
            "account " + leaf.account() + " appears twice in epoch " + epoch);
      }
      total = total.add(leaf.amount());
    }
    record Hashed(Address account, byte[] hash) {}
    List<Hashed> sorted =
        leaves.stream()
            .map(leaf -> new Hashed(leaf.account(), leaf.hash()))
            .sorted(Comparator.comparing(Hashed::hash, UNSIGNED))
            .toList();
    int count = sorted.size();
    byte[][] nodes = new byte[2 * count - 1][];
    Map<Address, Integer> nodeOfAccount = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int node = nodes.length - 1 - i;
      nodes[node] = sorted.get(i).hash();
      nodeOfAccount.put(sorted.get(i).account(), node);
    }
    for (int i = nodes.length - 1 - count; i >= 0; i--) {
      nodes[i] = hashPair(nodes[2 * i + 1], nodes[2 * i + 2]);
    }
    return new RewardTree(epoch, nodes, nodeOfAccount, total);
  }

  /** The 32-byte root the multisig publishes. */
  public byte[] root() {
    return nodes[0].clone();
  }

  /** The root as {@code 0x}-prefixed hex. */
  public String rootHex() {
    return Numeric.toHexString(nodes[0]);
  }

  /** The epoch all leaves belong to. */
  public long epoch() {
    return epoch;
  }

  /** The sum of all payouts: what the distributor must be funded with for the epoch. */
  public BigInteger total() {
    return total;
  }

  /** How many accounts the tree pays. */
  public int size() {
    return nodeOfAccount.size();
  }

  /**
   * The sibling hashes from {@code account}'s leaf up to the root, as {@code claim} takes them.
   *
   * @throws IllegalArgumentException when the tree pays nothing to {@code account}
   */
  public List<byte[]> proof(Address account) {
    Integer node = nodeOfAccount.get(account);
    if (node == null) {
      throw new IllegalArgumentException("account " + account + " has no reward in epoch " + epoch);
    }
    List<byte[]> proof = new ArrayList<>();
    for (int i = node; i > 0; i = (i - 1) / 2) {
      int sibling = i % 2 == 1 ? i + 1 : i - 1;
      proof.add(nodes[sibling].clone());
    }
    return proof;
  }

  /**
   * Whether {@code proof} leads from {@code leaf} to {@code root} (OpenZeppelin MerkleProof).
   *
   * @throws IllegalArgumentException when a proof element is not 32 bytes
   */
  public static boolean verify(byte[] root, RewardLeaf leaf, List<byte[]> proof) {
    byte[] computed = leaf.hash();
    for (byte[] sibling : proof) {
      if (sibling == null || sibling.length != 32) {
        throw new IllegalArgumentException("every proof element must be 32 bytes");
      }
      computed = hashPair(computed, sibling);
    }
    return Arrays.equals(computed, root);
  }

  /** keccak256 of the two 32-byte hashes, the smaller first. */
  private static byte[] hashPair(byte[] a, byte[] b) {
    byte[] pair = new byte[64];
    boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
    System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
    System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
    return Hash.sha3(pair);
  }
}
