package io.noderr.console.observe;

import io.noderr.registry.telemetry.Resolution;
import java.time.Duration;

/** The time windows the console's charts offer, each with the resolution it reads. */
public enum ChartWindow {
  HOUR("1 h", Duration.ofHours(1)),
  DAY("24 h", Duration.ofHours(24)),
  WEEK("7 d", Duration.ofDays(7));

  private final String label;
  private final Duration length;

  ChartWindow(String label, Duration length) {
    this.label = label;
    this.length = length;
  }

  public String label() {
    return label;
  }

  public Duration length() {
    return length;
  }

  /** A node's series: raw samples for the hour, minutes for the day, hours for the week. */
  public Resolution nodeResolution() {
    return Resolution.forWindow(length);
  }

  /** Fleet counts exist per minute at the finest, so the hour reads minutes too. */
  public Resolution fleetResolution() {
    Resolution resolution = nodeResolution();
    return resolution == Resolution.RAW ? Resolution.MINUTE : resolution;
  }

  /**
   * The longest gap drawn as a line: a node reports every 10 s, so a raw gap past a minute (or two
   * missing buckets) means it was silent, and the line breaks there.
   */
  public Duration gap() {
    Resolution resolution = nodeResolution();
    return resolution == Resolution.RAW
        ? Duration.ofMinutes(1)
        : resolution.bucket().multipliedBy(2);
  }
}
