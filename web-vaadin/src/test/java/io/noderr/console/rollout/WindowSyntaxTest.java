package io.noderr.console.rollout;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.workflows.rollout.MaintenanceWindow;
import io.noderr.workflows.rollout.RolloutStrategy.WindowRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowSyntaxTest {

  @Test
  void theDocumentedExample_isOneOperatorInAnyRegion_onWeekdayNightsInBerlin() {
    WindowRule rule = WindowSyntax.parse(WindowSyntax.EXAMPLE);

    assertThat(rule)
        .isEqualTo(
            new WindowRule(
                "acme",
                "*",
                new MaintenanceWindow(
                    EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
                    LocalTime.of(2, 0),
                    Duration.ofHours(3),
                    "Europe/Berlin")));
    // 03:00 Berlin on a Monday (01:00 UTC in winter) is inside; a Saturday is not.
    assertThat(rule.window().isOpen(Instant.parse("2026-11-30T01:00:00Z"))).isTrue();
    assertThat(rule.window().isOpen(Instant.parse("2026-11-28T01:00:00Z"))).isFalse();
  }

  @Test
  void partsComeInAnyOrder_selectorsDefaultToAny_andTheZoneToUtc() {
    WindowRule rule = WindowSyntax.parse("  01:00-03:00   daily region=eu-west ");

    assertThat(rule.operator()).isEqualTo("*");
    assertThat(rule.region()).isEqualTo("eu-west");
    assertThat(rule.window().days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
    assertThat(rule.window().zone()).isEqualTo("UTC");
    assertThat(rule.window().length()).isEqualTo(Duration.ofHours(2));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Sat,Sun 22:00-06:00     | PT8H  | SATURDAY SUNDAY",
        "Fri-Mon 00:00-24:00     | PT24H | FRIDAY SATURDAY SUNDAY MONDAY",
        "mon,wed-thu 23:30-00:15 | PT45M | MONDAY WEDNESDAY THURSDAY",
        "Tue 04:00-04:00         | PT24H | TUESDAY",
      })
  void dayListsAndRanges_wrapAroundTheWeek_andTimesPastMidnightEndTheNextDay(
      String days, Duration length, String expected) {
    MaintenanceWindow window = WindowSyntax.parse(days).window();

    assertThat(window.length()).isEqualTo(length);
    assertThat(window.days())
        .isEqualTo(
            Set.copyOf(
                java.util.Arrays.stream(expected.split(" ")).map(DayOfWeek::valueOf).toList()));
  }

  @Test
  void aWindowCrossingMidnight_isOpenAfterMidnight() {
    MaintenanceWindow window = WindowSyntax.parse("Sat 22:00-06:00 UTC").window();

    assertThat(window.isOpen(Instant.parse("2026-11-29T05:00:00Z"))).as("Sunday 05:00").isTrue();
    assertThat(window.isOpen(Instant.parse("2026-11-29T07:00:00Z"))).isFalse();
    assertThat(window.days()).containsExactly(SATURDAY);
    assertThat(window.days()).doesNotContain(SUNDAY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "operator=acme 02:00-05:00           | no days",
        "operator=acme Mon-Fri               | no time range",
        "Mon-Fri 25:00-05:00                 | '25:00' is not a time of day",
        "Mon-Fri 02:00-05:61                 | '05:61' is not a time of day",
        "Mon-Fri 02:00-05:00 Mars/Olympus    | 'Mars/Olympus' is not a time zone",
        "Mon-Fri 02:00-05:00 UTC extra       | 'extra' is not understood",
        "operator=a operator=b daily 1:00-2:00 | operator is given twice",
        "operator= daily 01:00-02:00         | operator= needs a value",
        "Mon Tue 01:00-02:00                 | days are given twice",
        "colour=red daily 01:00-02:00        | 'colour=red' is not understood",
      })
  void aBadLine_isRefusedSayingWhatIsWrong(String line, String problem) {
    assertThatThrownBy(() -> WindowSyntax.parse(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }
}
