package io.noderr.workflows.slashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.workflows.slashing.SlashingPenalty.Penalty;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The correlation penalty: the minimum alone, more with company, never above the maximum. */
class SlashingPenaltyTest {

  private static final BigInteger STAKE = BigInteger.valueOf(10_000);

  @Test
  void aLoneFault_costsTheMinimum() {
    assertThat(SlashingPenalty.of(STAKE, 100, 5_000, 1, 100))
        .isEqualTo(new Penalty(100, BigInteger.valueOf(100)));
  }

  @Test
  void fiveOthersInAFleetOfHundred_addThreeTimesTheirShare() {
    // 100 bp + 3 × 10,000 × 5 / 100 = 1,600 bp
    assertThat(SlashingPenalty.of(STAKE, 100, 5_000, 6, 100))
        .isEqualTo(new Penalty(1_600, BigInteger.valueOf(1_600)));
  }

  @Test
  void aCoordinatedFault_isCappedAtTheMaximum() {
    assertThat(SlashingPenalty.of(STAKE, 100, 5_000, 60, 100).basisPoints()).isEqualTo(5_000);
  }

  @Test
  void boundsThatCannotBeRight_areRefused() {
    assertThatThrownBy(() -> SlashingPenalty.of(STAKE, 600, 500, 1, 1))
        .hasMessageContaining("0 ≤ minimum ≤ maximum ≤ 10000 bp");
  }

  @Property
  void thePenalty_staysWithinTheGovernedBounds_andNeverExceedsTheStake(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long stake,
      @ForAll @IntRange(min = 0, max = 10_000) int minimum,
      @ForAll @IntRange(min = 0, max = 10_000) int spread,
      @ForAll @IntRange(min = 0, max = 100_000) int correlated,
      @ForAll @IntRange(min = 0, max = 100_000) int active) {
    int maximum = Math.min(10_000, minimum + spread);
    Penalty penalty =
        SlashingPenalty.of(BigInteger.valueOf(stake), minimum, maximum, correlated, active);

    assertThat(penalty.basisPoints()).isBetween(minimum, maximum);
    assertThat(penalty.amount()).isBetween(BigInteger.ZERO, BigInteger.valueOf(stake));
  }

  @Property
  void moreCorrelatedNodes_neverCostLess(
      @ForAll @IntRange(min = 0, max = 5_000) int minimum,
      @ForAll @IntRange(min = 1, max = 10_000) int correlated,
      @ForAll @IntRange(min = 1, max = 10_000) int active) {
    Penalty fewer = SlashingPenalty.of(STAKE, minimum, 10_000, correlated, active);
    Penalty more = SlashingPenalty.of(STAKE, minimum, 10_000, correlated + 1, active);

    assertThat(more.amount()).isGreaterThanOrEqualTo(fewer.amount());
  }
}
