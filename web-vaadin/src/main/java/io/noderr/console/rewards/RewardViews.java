package io.noderr.console.rewards;

import io.noderr.registry.rewards.RewardEpochRow;
import io.noderr.registry.rewards.RewardNodeRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rewards API and the Rewards view show. Token amounts are decimal strings of token units
 * (JSON numbers lose precision past 2^53); values an epoch has not reached yet are null.
 */
public final class RewardViews {

  private RewardViews() {}

  /** One row of the epochs list. */
  public record EpochSummary(
      long epoch,
      Instant startAt,
      Instant endAt,
      String stage,
      String pool,
      String paid,
      String remainder,
      Integer recipients,
      String root,
      String transactionHash) {

    static EpochSummary of(RewardEpochRow row) {
      return new EpochSummary(
          row.epoch(),
          row.startAt(),
          row.endAt(),
          row.stage(),
          text(row.pool()),
          text(row.paid()),
          text(row.remainder()),
          row.recipients(),
          row.root(),
          row.transactionHash());
    }
  }

  /** A page of epochs, the newest first. */
  public record EpochPage(int page, int size, List<EpochSummary> items) {}

  /** Where an epoch's pool came from and where it went: pool = emission + fees + carried. */
  public record Pool(
      String emission,
      String fees,
      String carried,
      String total,
      String paid,
      String remainder,
      Integer recipients) {}

  /**
   * The signing of the epoch's root, from the running workflow; null once the run moved on.
   *
   * @param eligible the multisig's signers
   * @param signed who signed so far
   * @param digest the EIP-712 digest to sign (0x-hex)
   * @param deadline unix seconds: the signatures' deadline
   */
  public record Signing(
      List<String> eligible, int threshold, List<String> signed, String digest, long deadline) {}

  /**
   * One epoch in full.
   *
   * @param signers who signed the root (the read model's; the live ones while the workflow runs)
   * @param signing null unless the workflow is running this epoch
   */
  public record EpochDetail(
      long epoch,
      Instant startAt,
      Instant endAt,
      String stage,
      Pool pool,
      Integer formulaVersion,
      Map<String, String> parameters,
      String inputsDigest,
      String payoutsDigest,
      String root,
      String transactionHash,
      List<String> signers,
      String reason,
      Signing signing) {

    /** True while its signers can still sign its root. */
    public boolean awaitingSignatures() {
      return signing != null && "AWAITING_SIGNATURES".equals(stage);
    }
  }

  /**
   * One recipient of an epoch.
   *
   * @param explanation the amount in words: its performance score and effective stake against the
   *     epoch's totals
   */
  public record Payout(
      long epoch,
      String address,
      String performanceScore,
      String effectiveStake,
      String amount,
      List<String> proof,
      String explanation) {}

  /** One node's outcome in an epoch. */
  public record NodeOutcome(
      String nodeId,
      String operatorAddress,
      String tier,
      int uptimeBp,
      int performanceBp,
      String status,
      String score,
      String reason) {

    static NodeOutcome of(RewardNodeRow row) {
      return new NodeOutcome(
          row.nodeId(),
          row.operatorAddress(),
          row.tier().name(),
          row.uptimeBp(),
          row.performanceBp(),
          row.status(),
          text(row.score()),
          row.reason());
    }
  }

  /**
   * What an address may claim, epoch by epoch, and where: {@code noderr claim} checks every row
   * against the distributor on chain before sending anything.
   *
   * @param distributor the RewardDistributor; null when the platform's economics are off
   */
  public record Claims(String address, Long chainId, String distributor, List<Claim> claims) {}

  /** One epoch's claim: the leaf (epoch, address, amount) and its proof against {@code root}. */
  public record Claim(long epoch, String stage, String root, String amount, List<String> proof) {}

  /**
   * The transaction an operator's browser wallet sends to claim one epoch ({@code
   * eth_sendTransaction}): the platform only encodes it, the wallet signs it, the distributor
   * checks the proof.
   *
   * @param chainId the chain the wallet must be on; null when the beacon is not on a chain
   * @param data the calldata of {@code claim(epoch, from, amount, proof)}
   */
  public record ClaimCall(Long chainId, String from, String to, String data, String amount) {}

  /** A signer's signature over an epoch's PublishRewardRoot typed data. */
  public record SignatureForm(String signer, String signature) {}

  /** The answer to an accepted signature. */
  public record SignatureAccepted(long epoch, String stage, int signatures, int threshold) {}

  static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
