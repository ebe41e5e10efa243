package io.noderr.worker.slashing;

import java.time.Duration;

/** The slashing properties as bound without configuration: the documented defaults. */
final class SlashingDefaults {

  private SlashingDefaults() {}

  static SlashingProperties properties() {
    return new SlashingProperties(
        Duration.ofHours(24),
        Duration.ofHours(72),
        Duration.ofHours(24),
        100,
        5000,
        Duration.ofHours(36),
        Duration.ofHours(6),
        Duration.ofMinutes(1),
        true);
  }
}
