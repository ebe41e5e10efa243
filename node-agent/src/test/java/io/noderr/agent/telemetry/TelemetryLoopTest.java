package io.noderr.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.agent.platform.PlatformException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelemetryLoopTest {

  private final List<List<TelemetryReport>> sent = new ArrayList<>();
  private int refuseNext;
  private int refusalStatus = 503;

  private void send(List<TelemetryReport> batch) {
    if (refuseNext > 0) {
      refuseNext--;
      throw new PlatformException("telemetry queue full", refusalStatus);
    }
    sent.add(batch);
  }

  private static List<TelemetryReport> reports(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new TelemetryReport(
                    "n-" + i,
                    Instant.EPOCH.plusSeconds(i),
                    "1.0.0",
                    "HEALTHY",
                    1,
                    1,
                    1,
                    null,
                    Map.of(),
                    0,
                    Map.of(),
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .toList();
  }

  @Test
  void reportsGoInBatchesOfAThousand() {
    TelemetryLoop loop = new TelemetryLoop(this::send, () -> reports(2_500));

    loop.report();

    assertThat(sent).extracting(List::size).containsExactly(1_000, 1_000, 500);
  }

  @Test
  void aBatchRefusedFor503IsKept_andSentFirstNextRound() {
    TelemetryLoop loop = new TelemetryLoop(this::send, () -> reports(1_500));
    refuseNext = 1;

    assertThatThrownBy(loop::report).isInstanceOf(PlatformException.class);
    assertThat(sent).isEmpty();
    loop.report();

    assertThat(sent).extracting(List::size).containsExactly(1_000, 500, 1_000, 500);
    assertThat(loop.dropped()).isZero();
  }

  @Test
  void aBatchRefusedForGood_isDroppedAndCounted_notRetriedForever() {
    TelemetryLoop loop = new TelemetryLoop(this::send, () -> reports(10));
    refuseNext = 1;
    refusalStatus = 403;

    assertThatThrownBy(loop::report).isInstanceOf(PlatformException.class);
    loop.report();

    assertThat(sent).extracting(List::size).containsExactly(10);
    assertThat(loop.dropped()).isEqualTo(10);
  }

  @Test
  void aKeptBatchIsResentWithItsOwnTimes_soThePlatformStoresItOnce() {
    Instant[] round = {Instant.parse("2026-12-01T10:00:00Z")};
    TelemetryLoop loop =
        new TelemetryLoop(
            this::send,
            () ->
                List.of(
                    new TelemetryReport(
                        "n-1", round[0], "1.0.0", "HEALTHY", 1, 1, 1, null, Map.of(), 0, Map.of(),
                        0, null, null, null, null, null, null)));
    refuseNext = 1;
    assertThatThrownBy(loop::report).isInstanceOf(PlatformException.class);

    round[0] = round[0].plusSeconds(10);
    loop.report();

    assertThat(sent)
        .extracting(batch -> batch.getFirst().at())
        .containsExactly(Instant.parse("2026-12-01T10:00:00Z"), round[0]);
  }
}
