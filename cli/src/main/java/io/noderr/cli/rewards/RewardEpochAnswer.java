package io.noderr.cli.rewards;

/**
 * The part of {@code GET /api/v1/rewards/epochs/{epoch}} that {@code noderr rewards show} prints;
 * token amounts are decimal strings of token units, values the epoch has not reached are null.
 */
public record RewardEpochAnswer(
    long epoch,
    String startAt,
    String endAt,
    String stage,
    Pool pool,
    Integer formulaVersion,
    String inputsDigest,
    String payoutsDigest,
    String root,
    String transactionHash,
    String reason) {

  /** pool = emission + fees + carried; paid to the recipients, the remainder carried on. */
  public record Pool(
      String emission,
      String fees,
      String carried,
      String total,
      String paid,
      String remainder,
      Integer recipients) {}

  /** One recipient and why it got its amount. */
  public record Payout(String address, String amount, String explanation) {}

  /** One node's outcome. */
  public record NodeOutcome(
      String nodeId,
      String tier,
      int uptimeBp,
      int performanceBp,
      String status,
      String score,
      String reason) {}
}
