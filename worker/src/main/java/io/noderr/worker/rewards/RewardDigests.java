package io.noderr.worker.rewards;

import io.noderr.registry.rewards.RewardEpochInputRows;
import io.noderr.registry.rewards.RewardExclusionRow;
import io.noderr.registry.rewards.RewardNodeRow;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.registry.rewards.RewardStakeRow;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digests that let anyone check an epoch's stored rows were not changed after the fact: "0x" +
 * lowercase hex SHA-256 of a canonical text, UTF-8, one record per line, each line ending in {@code
 * \n}, fields separated by one space, numbers in decimal without leading zeros, addresses
 * lowercase, rows sorted by the fields named (Java {@code String} order). In text fields (node ids,
 * reasons, the snapshot) a backslash is written {@code \\}, a line feed {@code \n} and a carriage
 * return {@code \r}, so no field can forge a line.
 *
 * <p>Inputs ({@link #inputs}):
 *
 * <pre>
 * noderr reward inputs v1
 * epoch {epoch}
 * window {start, unix ms} {end, unix ms}
 * formula {version}
 * pool {emission} {fees} {carried}
 * parameter {name} {value}                                  one per parameter, by name
 * snapshot {snapshot}
 * node {id} {operator address, or -} {tier} {uptime bp} {performance bp}   by node id
 * stake {address} {active stake}                            by address
 * exclusion {node id} {reason}                              by node id, then reason
 * </pre>
 *
 * <p>Payouts ({@link #payouts}):
 *
 * <pre>
 * noderr reward payouts v1
 * epoch {epoch}
 * formula {version}
 * pool {pool}
 * remainder {remainder}
 * payout {address} {performance score} {effective stake} {amount}   by address
 * </pre>
 */
final class RewardDigests {

  private RewardDigests() {}

  static String inputs(RewardEpochInputRows inputs) {
    return sha256(inputsText(inputs));
  }

  static String inputsText(RewardEpochInputRows inputs) {
    StringBuilder text = new StringBuilder();
    line(text, "noderr reward inputs v1");
    line(text, "epoch", inputs.epoch());
    line(text, "window", inputs.startAt().toEpochMilli(), inputs.endAt().toEpochMilli());
    line(text, "formula", inputs.formulaVersion());
    line(text, "pool", inputs.emission(), inputs.fees(), inputs.carried());
    inputs.parameters().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(p -> line(text, "parameter", escape(p.getKey()), escape(p.getValue())));
    line(text, "snapshot", escape(inputs.snapshot()));
    inputs.nodes().stream()
        .sorted(Comparator.comparing(RewardNodeRow::nodeId))
        .forEach(
            n ->
                line(
                    text,
                    "node",
                    escape(n.nodeId()),
                    n.operatorAddress() == null ? "-" : n.operatorAddress(),
                    n.tier(),
                    n.uptimeBp(),
                    n.performanceBp()));
    inputs.stakes().stream()
        .sorted(Comparator.comparing(RewardStakeRow::operatorAddress))
        .forEach(s -> line(text, "stake", s.operatorAddress(), s.stake()));
    inputs.exclusions().stream()
        .sorted(
            Comparator.comparing(RewardExclusionRow::nodeId)
                .thenComparing(RewardExclusionRow::reason))
        .forEach(e -> line(text, "exclusion", escape(e.nodeId()), escape(e.reason())));
    return text.toString();
  }

  static String payouts(
      long epoch,
      int formulaVersion,
      BigInteger pool,
      BigInteger remainder,
      List<RewardPayoutRow> payouts) {
    return sha256(payoutsText(epoch, formulaVersion, pool, remainder, payouts));
  }

  static String payoutsText(
      long epoch,
      int formulaVersion,
      BigInteger pool,
      BigInteger remainder,
      List<RewardPayoutRow> payouts) {
    StringBuilder text = new StringBuilder();
    line(text, "noderr reward payouts v1");
    line(text, "epoch", epoch);
    line(text, "formula", formulaVersion);
    line(text, "pool", pool);
    line(text, "remainder", remainder);
    payouts.stream()
        .sorted(Comparator.comparing(RewardPayoutRow::operatorAddress))
        .forEach(
            p ->
                line(
                    text,
                    "payout",
                    p.operatorAddress(),
                    p.performanceScore(),
                    p.effectiveStake(),
                    p.amount()));
    return text.toString();
  }

  private static void line(StringBuilder text, Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      text.append(i == 0 ? "" : " ").append(fields[i]);
    }
    text.append('\n');
  }

  private static String escape(String field) {
    return field.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "0x" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
