package io.noderr.console;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a signature-collecting workflow to leave its PREPARING stage. A request takes
 * signatures only once its workflow read the beacon (signer set, nonce, threshold), so the API
 * answers a proposal with that state rather than a half-known one.
 */
public final class WorkflowPreparation {

  /**
   * Long enough for a chain read on a slow node; the caller answers with whatever state is left.
   */
  public static final Duration WAIT = Duration.ofSeconds(15);

  private WorkflowPreparation() {}

  /** Reads the state until {@code preparing} no longer holds or {@link #WAIT} has passed. */
  public static <S> S await(Supplier<S> state, Predicate<S> preparing) {
    Instant giveUp = Instant.now().plus(WAIT);
    S now = state.get();
    while (preparing.test(now) && Instant.now().isBefore(giveUp)) {
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = state.get();
    }
    return now;
  }
}
