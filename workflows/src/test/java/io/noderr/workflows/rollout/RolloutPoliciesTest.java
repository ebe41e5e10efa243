package io.noderr.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.workflows.rollout.RolloutStep.Pause;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strategy validation, maintenance windows and the rate schedule. */
class RolloutPoliciesTest {

  @Test
  void presets_areValid() {
    assertThat(RolloutStrategy.canary().problems()).isEmpty();
    assertThat(RolloutStrategy.phased().problems()).isEmpty();
    assertThat(RolloutStrategy.allAtOnce().problems()).isEmpty();
  }

  @Test
  void strategy_namesEveryProblem() {
    RolloutStrategy bad =
        RolloutStrategy.withSteps(
            List.of(
                RolloutStep.percent(50, Pause.TIMED, 0),
                RolloutStep.percent(10, Pause.NONE, 0),
                new RolloutStep(5, 5, Pause.NONE, 0)));

    assertThat(bad.problems())
        .containsExactly(
            "step 1: a timed pause needs a positive duration",
            "step 3: give either a percent or a count");
    assertThat(
            RolloutStrategy.withSteps(
                    List.of(
                        RolloutStep.percent(50, Pause.NONE, 0),
                        RolloutStep.percent(10, Pause.NONE, 0)))
                .problems())
        .containsExactly(
            "percent steps must grow: 10% after 50%",
            "the last step must reach 100% of the targeted nodes");
  }

  @Test
  void countSteps_canLeadIntoPercentSteps() {
    RolloutStrategy strategy =
        RolloutStrategy.withSteps(
            List.of(
                RolloutStep.count(3, Pause.MANUAL, 0), RolloutStep.percent(100, Pause.NONE, 0)));

    assertThat(strategy.problems()).isEmpty();
    assertThat(strategy.stageTargets(2)).containsExactly(2, 2);
    assertThat(strategy.stageTargets(100)).containsExactly(3, 100);
  }

  @Test
  void window_opensOnItsDays_inItsZone_andMayRunPastMidnight() {
    // Saturdays 23:00-02:00 Berlin time.
    MaintenanceWindow window =
        new MaintenanceWindow(
            Set.of(DayOfWeek.SATURDAY), LocalTime.of(23, 0), Duration.ofHours(3), "Europe/Berlin");
    Instant saturday2330 = Instant.parse("2026-11-28T22:30:00Z");
    Instant sunday0130 = Instant.parse("2026-11-29T00:30:00Z");
    Instant sunday0300 = Instant.parse("2026-11-29T02:00:00Z");
    Instant friday = Instant.parse("2026-11-27T12:00:00Z");

    assertThat(window.isOpen(saturday2330)).isTrue();
    assertThat(window.isOpen(sunday0130)).isTrue();
    assertThat(window.isOpen(sunday0300)).isFalse();
    assertThat(window.isOpen(friday)).isFalse();
    assertThat(window.nextOpening(friday)).isEqualTo(Instant.parse("2026-11-28T22:00:00Z"));
    assertThat(window.nextOpening(sunday0130)).isEqualTo(sunday0130);
    assertThat(window.nextOpening(sunday0300)).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
  }

  @Test
  void window_refusesNonsense() {
    assertThatThrownBy(
            () ->
                new MaintenanceWindow(
                    Set.of(DayOfWeek.MONDAY), LocalTime.NOON, Duration.ZERO, "UTC"))
        .hasMessageContaining("lasts between");
    assertThatThrownBy(
            () ->
                new MaintenanceWindow(
                    Set.of(DayOfWeek.MONDAY), LocalTime.NOON, Duration.ofHours(1), "Mars/Olympus"))
        .isInstanceOf(java.time.DateTimeException.class);
  }

  @Test
  void windowRules_matchOperatorAndRegion_firstRuleWins() {
    MaintenanceWindow nights =
        new MaintenanceWindow(
            Set.of(DayOfWeek.values()), LocalTime.of(1, 0), Duration.ofHours(4), "UTC");
    RolloutStrategy base = RolloutStrategy.allAtOnce();
    RolloutStrategy strategy =
        new RolloutStrategy(
            base.steps(),
            base.rate(),
            base.maxParallel(),
            base.perNodeDeadlineMillis(),
            base.progressDeadlineMillis(),
            base.gates(),
            base.onGateFailure(),
            base.updateStrategy(),
            base.soakMillis(),
            base.rollbackWindowMillis(),
            List.of(new RolloutStrategy.WindowRule("acme", "*", nights)));

    assertThat(strategy.windowFor("acme", "eu")).isEqualTo(nights);
    assertThat(strategy.windowFor("other", "eu")).isNull();
  }

  @Test
  void rate_startsSlow_rampsUp_andCaps() {
    RateSchedule rate = new RateSchedule(10, 2, 50);

    assertThat(rate.allowedBy(0)).isEqualTo(10);
    assertThat(rate.allowedBy(60_000)).isEqualTo(10);
    assertThat(rate.allowedBy(90_000)).isEqualTo(20);
    assertThat(rate.allowedBy(120_000)).isEqualTo(30);
    assertThat(rate.allowedBy(240_000)).isEqualTo(10 + 20 + 40 + 50);
    // The first minute's 10 are spent at once; the 11th waits for the second minute (20/min: 3 s
    // in).
    assertThat(rate.waitBeforeNext(10, 0)).isEqualTo(63_000);
    assertThat(rate.waitBeforeNext(5, 0)).isZero();
    assertThat(RateSchedule.UNLIMITED.allowedBy(0)).isEqualTo(Long.MAX_VALUE);
  }
}
