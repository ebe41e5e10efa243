package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.agent.state.JsonFile;
import io.noderr.agent.testing.StepClock;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update lock: a lease file that outlives the agent, and one update at a time inside it. */
class UpdateLeaseTest {

  private static final Duration TTL = Duration.ofMinutes(3);

  @TempDir Path stateDir;
  private final StepClock clock = new StepClock();
  private UpdateLease lease;
  private JsonFile<UpdateLease.Holder> file;

  @BeforeEach
  void setUp() {
    lease = new UpdateLease(stateDir, clock);
    file = new JsonFile<>(stateDir.resolve(UpdateLease.NAME), UpdateLease.Holder.class);
  }

  @Test
  void anotherUpdatesLiveLease_locks_untilItLapses() throws Exception {
    file.write(new UpdateLease.Holder("rollout-1/n", clock.instant().plusSeconds(60)));

    UpdateRefused refused =
        catchThrowableOfType(UpdateRefused.class, () -> lease.acquire("rollout-2/n", TTL, false));
    assertThat(refused.type()).isEqualTo(FailureType.LOCKED);
    assertThat(refused.getMessage()).contains("rollout-1/n");

    clock.advance(Duration.ofSeconds(61));
    try (UpdateLease.Held held = lease.acquire("rollout-2/n", TTL, false)) {
      assertThat(file.read().orElseThrow().updateId()).isEqualTo("rollout-2/n");
    }
    assertThat(file.read()).isEmpty();
  }

  @Test
  void force_takesOverALiveLease() throws Exception {
    file.write(new UpdateLease.Holder("rollout-1/n", clock.instant().plusSeconds(60)));

    try (UpdateLease.Held held = lease.acquire("rollout-2/n", TTL, true)) {
      assertThat(file.read().orElseThrow())
          .isEqualTo(new UpdateLease.Holder("rollout-2/n", clock.instant().plus(TTL)));
    }
  }

  @Test
  void aRetryOfTheSameUpdate_takesItsOwnLeaseBack() throws Exception {
    // What an attempt that died with the agent leaves.
    file.write(new UpdateLease.Holder("rollout-1/n", clock.instant().plusSeconds(60)));

    try (UpdateLease.Held held = lease.acquire("rollout-1/n", TTL, false)) {
      assertThat(file.read().orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }
  }

  @Test
  void whileAnUpdateWorks_anotherIsLocked_andItsOwnRetryIsToldToComeBack() throws Exception {
    try (UpdateLease.Held held = lease.acquire("rollout-1/n", TTL, false)) {
      UpdateRefused other =
          CompletableFuture.supplyAsync(
                  () ->
                      catchThrowableOfType(
                          UpdateRefused.class, () -> lease.acquire("rollout-2/n", TTL, true)))
              .get();
      assertThat(other.type()).isEqualTo(FailureType.LOCKED);

      ApplicationFailure retry =
          CompletableFuture.supplyAsync(
                  () ->
                      catchThrowableOfType(
                          ApplicationFailure.class, () -> lease.acquire("rollout-1/n", TTL, false)))
              .get();
      assertThat(retry.getType()).isEqualTo(UpdateLease.IN_PROGRESS);
      assertThat(retry.isNonRetryable()).isFalse();
    }
  }

  @Test
  void renew_extendsTheLease_onceAThirdOfItHasPassed() throws Exception {
    try (UpdateLease.Held held = lease.acquire("rollout-1/n", TTL, false)) {
      Instant firstExpiry = file.read().orElseThrow().expiresAt();

      clock.advance(Duration.ofSeconds(30));
      held.renew();
      assertThat(file.read().orElseThrow().expiresAt()).isEqualTo(firstExpiry);

      clock.advance(Duration.ofSeconds(40));
      held.renew();
      assertThat(file.read().orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }
  }
}
