package io.noderr.agent.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.testing.StepClock;
import io.noderr.signing.ImageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingBeaconSourceTest {

  private static final BeaconRelease RELEASE =
      new BeaconRelease("1.4.2", ImageDigest.parse("sha256:" + "ab".repeat(32)));

  private final StepClock clock = new StepClock();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean down;

  private final BeaconSource counting =
      new TestBeacon(
          tier -> {
            reads.incrementAndGet();
            sleep(50); // a slow platform: callers arriving meanwhile must wait, not read too
            if (down) {
              throw new BeaconUnreadableException("platform down");
            }
            return tier == BeaconTier.ORACLE ? Optional.of(RELEASE) : Optional.empty();
          });

  private final CachingBeaconSource cache =
      new CachingBeaconSource(counting, Duration.ofSeconds(2), clock);

  @Test
  void manyConcurrentCallers_readEachTierOnce_untilTheAnswerIsOld() throws Exception {
    List<Thread> callers = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Optional<BeaconRelease>> answers = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 500; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    await(go);
                    answers.add(cache.current(BeaconTier.ORACLE));
                  }));
    }
    go.countDown();
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(answers).hasSize(500).containsOnly(Optional.of(RELEASE));
    assertThat(reads).hasValue(1);
    assertThat(cache.current(BeaconTier.GUARDIAN)).isEmpty();
    assertThat(reads).hasValue(2);

    clock.advance(Duration.ofSeconds(2));
    cache.current(BeaconTier.ORACLE);
    assertThat(reads).hasValue(3);
  }

  @Test
  void latest_readsPastTheCache_butCallersAskingAtOnceShareOneRead() {
    cache.current(BeaconTier.ORACLE);
    clock.advance(Duration.ofMillis(300));

    cache.latest(BeaconTier.ORACLE);
    cache.latest(BeaconTier.ORACLE);

    assertThat(reads).as("one read for the cache, one for both latest calls").hasValue(2);
  }

  @Test
  void aNodeAskedForAReleasePublishedAfterItsCachedAnswer_readsAgainBeforeRefusing() {
    BeaconRelease newer =
        new BeaconRelease("1.5.0", ImageDigest.parse("sha256:" + "cd".repeat(32)));
    List<BeaconRelease> published = new ArrayList<>(List.of(RELEASE));
    CachingBeaconSource stale =
        new CachingBeaconSource(
            new TestBeacon(tier -> Optional.of(published.getLast())), Duration.ofSeconds(2), clock);
    BeaconDigestCheck check = new BeaconDigestCheck(stale, BeaconTier.ORACLE);
    stale.current(BeaconTier.ORACLE); // cached: 1.4.2
    clock.advance(Duration.ofMillis(300));
    published.add(newer); // the signers publish 1.5.0 within the cache's two seconds

    assertThat(
            check
                .verifyRelease(new ReleaseToVerify("ORACLE", "1.5.0", newer.imageDigest().value()))
                .version())
        .isEqualTo("1.5.0");
  }

  @Test
  void aFailureIsKeptAsBriefly_thenReadAgain() {
    down = true;
    assertThatThrownBy(() -> cache.current(BeaconTier.ORACLE)).hasMessage("platform down");
    assertThatThrownBy(() -> cache.current(BeaconTier.ORACLE)).hasMessage("platform down");
    assertThat(reads).hasValue(1);

    down = false;
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.current(BeaconTier.ORACLE)).contains(RELEASE);
    assertThat(reads).hasValue(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
