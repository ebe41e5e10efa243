package io.noderr.console.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MandatesTest {

  private static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");

  @Test
  void span_readsInHoursAndMinutes() {
    assertThat(Mandates.span(Duration.ofHours(24))).isEqualTo("24 h");
    assertThat(Mandates.span(Duration.ofMinutes(23 * 60 + 12))).isEqualTo("23 h 12 min");
    assertThat(Mandates.span(Duration.ofMinutes(5).plusSeconds(59))).isEqualTo("5 min");
    assertThat(Mandates.span(Duration.ofSeconds(59))).isEqualTo("less than 1 min");
  }

  @Test
  void countdown_saysWhatIsLeft_orThatItRanOut() {
    assertThat(Mandates.countdown("2026-12-03T21:12:30Z", NOW)).isEqualTo("ends in 23 h 12 min");
    assertThat(Mandates.countdown("2026-12-02T22:00:00Z", NOW)).isEqualTo("ran out");
    assertThat(Mandates.countdown(null, NOW)).isEmpty();
  }
}
