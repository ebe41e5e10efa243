package io.noderr.signing;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * One operator's payout in a reward epoch: a leaf of the epoch's {@link RewardTree}, claimable on
 * chain from the RewardDistributor with the leaf's proof.
 *
 * @param epoch the reward epoch (zero or positive)
 * @param account who receives the tokens
 * @param amount token units (zero or positive)
 */
public record RewardLeaf(long epoch, Address account, BigInteger amount) {

  public RewardLeaf {
    if (epoch < 0) {
      throw new IllegalArgumentException("reward epoch must be zero or positive, was " + epoch);
    }
    Objects.requireNonNull(account, "reward account is required");
    if (amount == null || amount.signum() < 0 || amount.bitLength() > 256) {
      throw new IllegalArgumentException(
          "reward amount of " + account + " must be a uint256, was " + amount);
    }
  }

  /**
   * keccak256(bytes.concat(keccak256(abi.encode(epoch, account, amount)))): OpenZeppelin
   * StandardMerkleTree's leaf for types ["uint256","address","uint256"], as RewardDistributor
   * recomputes it. Hashing twice keeps a leaf from ever equalling an inner node (64 bytes).
   */
  public byte[] hash() {
    byte[] encoded = new byte[3 * 32];
    System.arraycopy(Abi.uint(BigInteger.valueOf(epoch)), 0, encoded, 0, 32);
    System.arraycopy(Abi.address(account), 0, encoded, 32, 32);
    System.arraycopy(Abi.uint(amount), 0, encoded, 64, 32);
    return Hash.sha3(Hash.sha3(encoded));
  }
}
