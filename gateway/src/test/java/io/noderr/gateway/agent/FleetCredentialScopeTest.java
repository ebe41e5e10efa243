package io.noderr.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.noderr.gateway.MovableClock;
import io.noderr.registry.identity.NodeIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fleet credential's right to report for a node is remembered, so every node's report does not
 * cost a query, but never past its bounds: a refusal is asked again every time, a node that proves
 * an identity is refused within the sweep interval, and nothing is believed past the ttl.
 */
class FleetCredentialScopeTest {

  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Duration SWEEP = Duration.ofSeconds(2);

  private final NodeIdentities identities = mock(NodeIdentities.class);
  private final MovableClock clock = new MovableClock();
  private final FleetCredentialScope scope =
      new FleetCredentialScope(identities, TTL, SWEEP, clock);

  @Test
  void aMayIsRemembered_soTheNextReportsAskNothing() {
    when(identities.beyondFleetCredential(List.of("n-1"), false)).thenReturn(Set.of());

    for (int report = 0; report < 5; report++) {
      assertThat(scope.beyond(List.of("n-1"), false)).isEmpty();
      clock.advance(Duration.ofSeconds(10));
    }

    verify(identities, times(1)).beyondFleetCredential(List.of("n-1"), false);
  }

  @Test
  void aFleetStartingTogether_isReadInOneQuery_andANodeEnrolledSinceIsAskedAlone() {
    when(identities.withinFleetCredential(false)).thenReturn(Set.of("n-1", "n-2", "n-3"));
    when(identities.beyondFleetCredential(List.of("n-new"), false)).thenReturn(Set.of());

    for (String node : List.of("n-1", "n-2", "n-3", "n-new", "n-1")) {
      assertThat(scope.beyond(List.of(node), false)).isEmpty();
    }

    verify(identities, times(1)).withinFleetCredential(false);
    verify(identities, times(1)).beyondFleetCredential(any(), anyBoolean());
  }

  @Test
  void aRefusalIsAskedAgainEveryTime() {
    when(identities.beyondFleetCredential(List.of("n-oracle"), false))
        .thenReturn(Set.of("n-oracle"));

    assertThat(scope.beyond(List.of("n-oracle"), false)).containsExactly("n-oracle");
    assertThat(scope.beyond(List.of("n-oracle"), false)).containsExactly("n-oracle");

    verify(identities, times(2)).beyondFleetCredential(List.of("n-oracle"), false);
  }

  @Test
  void onlyTheNodesNotRemembered_areAsked_andTheEmbeddedFleetsAnswerIsKeptApart() {
    when(identities.beyondFleetCredential(any(), anyBoolean())).thenReturn(Set.of());
    scope.beyond(List.of("n-1"), false);

    scope.beyond(List.of("n-1", "n-2"), false);
    scope.beyond(List.of("n-1"), true);

    verify(identities).beyondFleetCredential(List.of("n-2"), false);
    verify(identities).beyondFleetCredential(List.of("n-1"), true);
  }

  @Test
  void aNodeThatProvesAnIdentity_isRefusedWithinTheSweepInterval() {
    when(identities.beyondFleetCredential(List.of("n-1"), false)).thenReturn(Set.of());
    assertThat(scope.beyond(List.of("n-1"), false)).isEmpty();

    // n-1 registers its key; the registry now refuses the fleet credential for it.
    when(identities.beyondFleetCredential(List.of("n-1"), false)).thenReturn(Set.of("n-1"));
    when(identities.identifiedWithin(any())).thenReturn(Set.of("n-1"));
    clock.advance(SWEEP);

    assertThat(scope.beyond(List.of("n-1"), false)).containsExactly("n-1");
    // It looked back over the time since its last sweep, and a margin for late commits.
    verify(identities).identifiedWithin(SWEEP.plusSeconds(5));
  }

  @Test
  void nothingIsBelievedPastTheTtl() {
    when(identities.beyondFleetCredential(List.of("n-1"), false)).thenReturn(Set.of());
    when(identities.identifiedWithin(any())).thenReturn(Set.of());
    scope.beyond(List.of("n-1"), false);

    clock.advance(TTL);
    scope.beyond(List.of("n-1"), false);

    verify(identities, times(2)).beyondFleetCredential(List.of("n-1"), false);
    // A sweep after a long quiet looks back no further than the ttl.
    verify(identities).identifiedWithin(TTL.plusSeconds(5));
  }
}
