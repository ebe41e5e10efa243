package io.noderr.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.noderr.gateway.MovableClock;
import io.noderr.registry.identity.NodeSessions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node's session is asked of the registry once, not with every report, yet a revoked session (or
 * a quarantined node's, whose sessions the quarantine revokes) is refused within the sweep
 * interval, and an unknown one is asked every time.
 */
class RememberedSessionsTest {

  private final NodeSessions registry = mock(NodeSessions.class);
  private final MovableClock clock = new MovableClock();
  private final RememberedSessions sessions = new RememberedSessions(registry, clock);

  @Test
  void aLiveSessionIsAskedOnce_forReportsEvery10Seconds() {
    when(registry.nodeOf("h-1")).thenReturn(Optional.of("n-1"));
    when(registry.endedWithin(any())).thenReturn(Set.of());

    for (int report = 0; report < 5; report++) {
      assertThat(sessions.nodeOf("h-1")).contains("n-1");
      clock.advance(Duration.ofSeconds(10));
    }

    verify(registry, times(1)).nodeOf("h-1");
  }

  @Test
  void aRevokedSession_isRefusedWithinTheSweepInterval() {
    when(registry.nodeOf("h-1")).thenReturn(Optional.of("n-1"));
    assertThat(sessions.nodeOf("h-1")).contains("n-1");

    // Revoked (or its node quarantined): the registry now names it among the ended ones.
    when(registry.nodeOf("h-1")).thenReturn(Optional.empty());
    when(registry.endedWithin(any())).thenReturn(Set.of("h-1"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.nodeOf("h-1")).as("within the sweep interval").contains("n-1");
    verify(registry, never()).endedWithin(any());

    clock.advance(RememberedSessions.SWEEP_EVERY.minusSeconds(1));
    assertThat(sessions.nodeOf("h-1")).isEmpty();
  }

  @Test
  void anUnknownSessionIsAskedEveryTime() {
    when(registry.nodeOf("h-x")).thenReturn(Optional.empty());

    assertThat(sessions.nodeOf("h-x")).isEmpty();
    assertThat(sessions.nodeOf("h-x")).isEmpty();

    verify(registry, times(2)).nodeOf("h-x");
  }
}
