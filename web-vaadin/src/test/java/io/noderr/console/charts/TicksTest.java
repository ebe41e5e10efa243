package io.noderr.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.console.charts.Ticks.Tick;
import io.noderr.console.charts.Ticks.ValueAxis;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

  @Test
  void values_roundOutToNiceSteps() {
    ValueAxis axis = Ticks.values(3.2, 87.9, 5, "%");
    assertThat(axis.min()).isEqualTo(0);
    assertThat(axis.max()).isEqualTo(100);
    assertThat(axis.ticks())
        .extracting(Tick::label)
        .containsExactly("0%", "20%", "40%", "60%", "80%", "100%");
  }

  @Test
  void values_smallSteps_keepTheirDecimals_withoutFloatingPointNoise() {
    ValueAxis axis = Ticks.values(0, 0.3, 4, "");
    assertThat(axis.ticks()).extracting(Tick::label).containsExactly("0.0", "0.1", "0.2", "0.3");
  }

  @Test
  void values_largeNumbers_areGrouped() {
    ValueAxis axis = Ticks.values(0, 10_000, 3, " ms");
    assertThat(axis.ticks())
        .extracting(Tick::label)
        .containsExactly("0 ms", "5,000 ms", "10,000 ms");
  }

  @Test
  void values_flatRange_isWidenedSoTheAxisHasAHeight() {
    assertThat(Ticks.values(0, 0, 5, "").max()).isGreaterThan(0);
    ValueAxis flat = Ticks.values(50, 50, 5, "");
    assertThat(flat.min()).isLessThan(50);
    assertThat(flat.max()).isGreaterThan(50);
    assertThat(flat.fraction(50)).isBetween(0.0, 1.0);
  }

  @Test
  void values_negativeRanges_work() {
    ValueAxis axis = Ticks.values(-7, 3, 5, "");
    assertThat(axis.min()).isLessThanOrEqualTo(-7);
    assertThat(axis.max()).isGreaterThanOrEqualTo(3);
    assertThat(axis.ticks()).extracting(Tick::label).contains("0").doesNotContain("-0");
  }

  @Test
  void values_refuseNaN() {
    assertThatThrownBy(() -> Ticks.values(Double.NaN, 1, 5, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void times_anHour_fallOnWholeTenMinutes() {
    List<Tick> ticks =
        Ticks.times(
            Instant.parse("2026-12-03T06:07:00Z"), Instant.parse("2026-12-03T07:07:00Z"), 7);
    assertThat(ticks)
        .extracting(Tick::label)
        .containsExactly("06:10", "06:20", "06:30", "06:40", "06:50", "07:00");
  }

  @Test
  void times_aDay_fallOnWholeHours() {
    List<Tick> ticks =
        Ticks.times(
            Instant.parse("2026-12-02T07:30:00Z"), Instant.parse("2026-12-03T07:30:00Z"), 7);
    assertThat(ticks).extracting(Tick::label).startsWith("12:00", "18:00").contains("00:00");
  }

  @Test
  void times_aWeek_areLabelledByDate() {
    List<Tick> ticks =
        Ticks.times(
            Instant.parse("2026-11-26T07:30:00Z"), Instant.parse("2026-12-03T07:30:00Z"), 7);
    assertThat(ticks).extracting(Tick::label).startsWith("Nov 27").endsWith("Dec 3");
  }

  @Test
  void times_aMinute_showSeconds() {
    List<Tick> ticks =
        Ticks.times(
            Instant.parse("2026-12-03T06:00:05Z"), Instant.parse("2026-12-03T06:01:05Z"), 7);
    assertThat(ticks).extracting(Tick::label).first().isEqualTo("06:00:10");
  }
}
