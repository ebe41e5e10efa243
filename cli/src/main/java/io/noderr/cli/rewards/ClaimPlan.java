package io.noderr.cli.rewards;

import io.noderr.cli.rewards.ClaimableRewards.ClaimableReward;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.web3j.utils.Numeric;

/**
 * What {@code noderr claim} will send, decided from the platform's rows and the distributor's own
 * state: every row's root must be the one on chain and its proof must lead to it (else the whole
 * plan is refused before anything is sent); epochs the chain would refuse (claimed, pending,
 * cancelled, past the deadline, not published) are skipped, each with why.
 */
public final class ClaimPlan {

  /** One claim to send: the leaf and its proof, checked against the distributor's root. */
  public record Claim(long epoch, BigInteger amount, List<byte[]> proof) {}

  private final List<Claim> claims = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  /**
   * @param onChain the distributor's state of an epoch
   * @throws SigningRefused when a row's root differs from the chain's or its proof does not lead to
   *     it: the platform is not to be trusted alone
   */
  public ClaimPlan(
      Address account,
      List<ClaimableReward> rows,
      LongFunction<EpochOnChain> onChain,
      Instant now) {
    for (ClaimableReward row : rows) {
      EpochOnChain chain = onChain.apply(row.epoch());
      String why = skipReason(row.epoch(), chain, now);
      if (why != null) {
        skipped.add(why);
        continue;
      }
      claims.add(checked(account, row, chain));
    }
  }

  public List<Claim> claims() {
    return List.copyOf(claims);
  }

  /** Why each skipped epoch is not claimed, one line each. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  public BigInteger total() {
    return claims.stream().map(Claim::amount).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static String skipReason(long epoch, EpochOnChain chain, Instant now) {
    String prefix = "epoch " + epoch + ": ";
    if (!chain.published()) {
      return prefix + "not published on chain yet";
    }
    if (chain.claimed()) {
      return prefix + "already claimed";
    }
    if (chain.cancelled()) {
      return prefix + "cancelled by the signers in its pending delay; its pool is carried on";
    }
    if (chain.clawedBack() || now.isAfter(chain.deadline())) {
      return prefix + "the claim period ended at " + chain.deadline();
    }
    if (now.isBefore(chain.claimableAt())) {
      return prefix + "still pending until " + chain.claimableAt();
    }
    return null;
  }

  private static Claim checked(Address account, ClaimableReward row, EpochOnChain chain) {
    String chainRoot = Numeric.toHexString(chain.root());
    if (row.root() == null || !chainRoot.equalsIgnoreCase(row.root())) {
      throw new SigningRefused(
          "epoch "
              + row.epoch()
              + ": the platform's root "
              + row.root()
              + " is not the distributor's "
              + chainRoot
              + "; nothing sent");
    }
    BigInteger amount = new BigInteger(row.amount());
    List<byte[]> proof = row.proof().stream().map(Numeric::hexStringToByteArray).toList();
    if (!RewardTree.verify(chain.root(), new RewardLeaf(row.epoch(), account, amount), proof)) {
      throw new SigningRefused(
          "epoch "
              + row.epoch()
              + ": the proof for "
              + amount
              + " does not lead to the distributor's root "
              + chainRoot
              + "; nothing sent");
    }
    return new Claim(row.epoch(), amount, proof);
  }
}
