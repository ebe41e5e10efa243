package io.noderr.workflows.rollout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an operator's or region's nodes may be updated: on the given days, from {@code start} for
 * {@code length}, in {@code zone} (a window may run past midnight). Nodes outside their window wait
 * for it; the rollout does not skip them.
 */
public record MaintenanceWindow(
    Set<DayOfWeek> days, LocalTime start, Duration length, String zone) {

  public MaintenanceWindow {
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("a maintenance window lasts between 1 s and 7 days");
    }
    ZoneId.of(zone);
  }

  public boolean isOpen(Instant at) {
    return !at.isBefore(openingAtOrBefore(at)) && at.isBefore(openingAtOrBefore(at).plus(length));
  }

  /** {@code at} itself when the window is open, else the next opening. */
  public Instant nextOpening(Instant at) {
    if (isOpen(at)) {
      return at;
    }
    ZonedDateTime day = at.atZone(ZoneId.of(zone)).toLocalDate().atStartOfDay(ZoneId.of(zone));
    for (int i = 0; i <= 7; i++) {
      ZonedDateTime candidate = day.plusDays(i).with(start);
      if (days.contains(candidate.getDayOfWeek()) && candidate.toInstant().isAfter(at)) {
        return candidate.toInstant();
      }
    }
    throw new IllegalStateException("a window with no days never opens");
  }

  /** The latest opening at or before {@code at} (looking back a week), or {@link Instant#MIN}. */
  private Instant openingAtOrBefore(Instant at) {
    ZonedDateTime day = at.atZone(ZoneId.of(zone)).toLocalDate().atStartOfDay(ZoneId.of(zone));
    for (int i = 0; i <= 7; i++) {
      ZonedDateTime candidate = day.minusDays(i).with(start);
      if (days.contains(candidate.getDayOfWeek()) && !candidate.toInstant().isAfter(at)) {
        return candidate.toInstant();
      }
    }
    return Instant.MIN;
  }
}
