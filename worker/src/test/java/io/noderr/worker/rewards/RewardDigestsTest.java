package io.noderr.worker.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.Tier;
import io.noderr.registry.rewards.RewardEpochInputRows;
import io.noderr.registry.rewards.RewardExclusionRow;
import io.noderr.registry.rewards.RewardNodeRow;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.registry.rewards.RewardStakeRow;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardDigestsTest {

  private static final String A = "0x" + "a".repeat(40);
  private static final String B = "0x" + "b".repeat(40);

  @Test
  void inputs_areWrittenInTheDocumentedForm_sortedAndEscaped() {
    assertThat(RewardDigests.inputsText(inputs(false)))
        .isEqualTo(
            """
            noderr reward inputs v1
            epoch 3
            window 1000 2000
            formula 1
            pool 10 2 1
            parameter rewards.minimumUptimeBp 9000
            parameter rewards.performanceShareBp 8000
            snapshot governance follower at block 7 of chain 1
            node n-1 %s ALL 10000 9000
            node n-2 - ORACLE 0 0
            stake %s 5
            stake %s 6
            exclusion n-1 first\\\\line\\nsecond
            exclusion n-2 no payout address
            """
                .formatted(A, A, B));
  }

  @Test
  void inputsDigest_isSha256OfTheText_whateverTheRowOrder() {
    assertThat(RewardDigests.inputs(inputs(true))).isEqualTo(RewardDigests.inputs(inputs(false)));
    // sha256sum of the text above (its final line feed included), as anyone can recompute it.
    assertThat(RewardDigests.inputs(inputs(false)))
        .isEqualTo("0x808d0f5c2a1d15629dc992909e9d3ca2c83d23a2ea39d9cefeeb2b77038efadf");
  }

  @Test
  void payouts_areWrittenInTheDocumentedForm() {
    List<RewardPayoutRow> payouts =
        List.of(
            new RewardPayoutRow(3, B, BigInteger.TWO, BigInteger.ONE, BigInteger.TEN, List.of()),
            new RewardPayoutRow(3, A, BigInteger.ONE, BigInteger.ZERO, BigInteger.TWO, List.of()));
    assertThat(RewardDigests.payoutsText(3, 1, BigInteger.valueOf(13), BigInteger.ONE, payouts))
        .isEqualTo(
            """
            noderr reward payouts v1
            epoch 3
            formula 1
            pool 13
            remainder 1
            payout %s 1 0 2
            payout %s 2 1 10
            """
                .formatted(A, B));
    assertThat(RewardDigests.payouts(3, 1, BigInteger.valueOf(13), BigInteger.ONE, payouts))
        .isEqualTo("0xb7a678acadbc1b484864d4a264d9b9e4c6fb591b82cb11ef0490ad0de391e8f7");
  }

  private static RewardEpochInputRows inputs(boolean reversed) {
    List<RewardNodeRow> nodes =
        List.of(
            RewardNodeRow.measured("n-1", A, Tier.ALL, 10_000, 9_000),
            RewardNodeRow.measured("n-2", null, Tier.ORACLE, 0, 0));
    List<RewardStakeRow> stakes =
        List.of(
            new RewardStakeRow(A, BigInteger.valueOf(5)),
            new RewardStakeRow(B, BigInteger.valueOf(6)));
    List<RewardExclusionRow> exclusions =
        List.of(
            new RewardExclusionRow("n-1", "first\\line\nsecond"),
            new RewardExclusionRow("n-2", "no payout address"));
    return new RewardEpochInputRows(
        3,
        Instant.ofEpochMilli(1000),
        Instant.ofEpochMilli(2000),
        1,
        BigInteger.TEN,
        BigInteger.TWO,
        BigInteger.ONE,
        Map.of("rewards.performanceShareBp", "8000", "rewards.minimumUptimeBp", "9000"),
        "governance follower at block 7 of chain 1",
        reversed ? nodes.reversed() : nodes,
        reversed ? stakes.reversed() : stakes,
        reversed ? exclusions.reversed() : exclusions);
  }
}
