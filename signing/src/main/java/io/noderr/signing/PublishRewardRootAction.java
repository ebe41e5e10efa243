package io.noderr.signing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.utils.Numeric;

/**
 * NoderrMultisig's {@code PublishRewardRoot}: publishes the Merkle root of a reward epoch's payouts
 * (a {@link RewardTree}) to a RewardDistributor, funding it with {@code total} tokens from the
 * multisig's rewards treasury.
 *
 * @param root the tree's 32-byte root
 * @param total token units the epoch pays in all (the tree's total)
 * @param nonce the multisig's next nonce
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record PublishRewardRootAction(
    Address distributor,
    long epoch,
    byte[] root,
    BigInteger total,
    BigInteger nonce,
    long deadline) {

  public static final String TYPE =
      "PublishRewardRoot(address distributor,uint256 epoch,bytes32 root,uint256 total,"
          + "uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public PublishRewardRootAction {
    Objects.requireNonNull(distributor, "the reward distributor is required");
    if (epoch < 0) {
      throw new IllegalArgumentException("reward epoch must be zero or positive, was " + epoch);
    }
    if (root == null || root.length != 32) {
      throw new IllegalArgumentException("a reward root is 32 bytes");
    }
    root = root.clone();
    if (total == null || total.signum() < 0) {
      throw new IllegalArgumentException("the reward total must be zero or positive");
    }
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The action publishing {@code tree}: its epoch, root and total. */
  public static PublishRewardRootAction of(
      Address distributor, RewardTree tree, BigInteger nonce, long deadline) {
    return new PublishRewardRootAction(
        distributor, tree.epoch(), tree.root(), tree.total(), nonce, deadline);
  }

  /** A copy: the record's array stays as constructed. */
  @Override
  public byte[] root() {
    return root.clone();
  }

  /** The digest the multisig recomputes on chain (its {@code publishRewardRootDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.address(distributor),
            Abi.uint(BigInteger.valueOf(epoch)),
            root.clone(),
            Abi.uint(total),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("distributor", distributor.checksummed());
    message.put("epoch", epoch);
    message.put("root", Numeric.toHexString(root));
    message.put("total", total.toString());
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "PublishRewardRoot",
        List.of(
            Abi.field("distributor", "address"),
            Abi.field("epoch", "uint256"),
            Abi.field("root", "bytes32"),
            Abi.field("total", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing. */
  public List<String> summary(MultisigDomain domain) {
    return Actions.lines(
        List.of(
            "PUBLISH the rewards of epoch "
                + epoch
                + " to distributor "
                + distributor.checksummed()
                + ": root "
                + Numeric.toHexString(root)
                + ", "
                + total
                + " token units from the multisig's rewards treasury"),
        Actions.footer(domain, nonce, deadline));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublishRewardRootAction that
        && distributor.equals(that.distributor)
        && epoch == that.epoch
        && Arrays.equals(root, that.root)
        && total.equals(that.total)
        && nonce.equals(that.nonce)
        && deadline == that.deadline;
  }

  @Override
  public int hashCode() {
    return Objects.hash(distributor, epoch, Arrays.hashCode(root), total, nonce, deadline);
  }

  @Override
  public String toString() {
    return "PublishRewardRootAction[distributor=%s, epoch=%d, root=%s, total=%s, nonce=%s, deadline=%d]"
        .formatted(distributor, epoch, Numeric.toHexString(root), total, nonce, deadline);
  }
}
