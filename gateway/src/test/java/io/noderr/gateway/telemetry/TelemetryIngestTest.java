package io.noderr.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.noderr.registry.telemetry.TelemetrySample;
import io.noderr.registry.telemetry.TelemetrySamples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's promises: whole batches or nothing, every accepted report written, counted. */
class TelemetryIngestTest {

  private final List<List<TelemetrySample>> batches = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();

  /** A database stand-in that stores batches and refuses the next {@code failNext} writes. */
  private final TelemetrySamples samples = mock(TelemetrySamples.class);

  {
    when(samples.insert(anyList()))
        .thenAnswer(
            call -> {
              List<TelemetrySample> batch = call.getArgument(0);
              if (failNext.getAndDecrement() > 0) {
                throw new IllegalStateException("database unreachable");
              }
              batches.add(List.copyOf(batch));
              return (int) batch.stream().filter(s -> !s.nodeId().startsWith("unknown")).count();
            });
  }

  private TelemetryIngest ingest;

  @AfterEach
  void stop() {
    if (ingest != null && ingest.isRunning()) {
      ingest.stop();
    }
  }

  private TelemetryIngest ingest(int capacity, int maxBatch) {
    ingest =
        new TelemetryIngest(
            samples, new TelemetryIngestProperties(capacity, maxBatch, Duration.ofMillis(20)));
    return ingest;
  }

  private static List<TelemetrySample> reports(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new TelemetrySample(
                    prefix + i,
                    Instant.EPOCH,
                    "1.0.0",
                    "HEALTHY",
                    1.0,
                    1.0,
                    1.0,
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
  void aBatchThatDoesNotFitIsRefusedWhole_andCounted() {
    TelemetryIngest ingest = ingest(10, 5);
    ingest.accept(reports("n-", 8));

    assertThatThrownBy(() -> ingest.accept(reports("m-", 3)))
        .isInstanceOf(TelemetryQueueFullException.class)
        .hasMessage(
            "telemetry queue full: 3 report(s) sent, room for 2; nothing was accepted, send the"
                + " batch again shortly");
    assertThat(ingest.stats().queued()).isEqualTo(8);
    assertThat(ingest.stats().refused()).isEqualTo(3);
    assertThat(ingest.stats().accepted()).isEqualTo(8);
  }

  @Test
  void acceptedReportsAreWrittenInBatches_retriedWhenTheDatabaseRefuses_andNoneLost() {
    TelemetryIngest ingest = ingest(1_000, 100);
    failNext.set(2);
    ingest.accept(reports("n-", 250));
    ingest.accept(reports("unknown-", 10));

    ingest.start();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(ingest.stats().stored()).isEqualTo(250));
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
    List<TelemetrySample> written = new ArrayList<>();
    batches.forEach(written::addAll);
    assertThat(written).hasSize(260);
    TelemetryIngest.Stats stats = ingest.stats();
    assertThat(stats.unknownNode()).isEqualTo(10);
    assertThat(stats.writeFailures()).isEqualTo(2);
    assertThat(stats.lost()).isZero();
    assertThat(stats.queued()).isZero();
  }

  @Test
  void stopping_writesWhatWasAcceptedFirst() {
    TelemetryIngest ingest = ingest(10_000, 1_000);
    ingest.start();
    for (int i = 0; i < 5; i++) {
      ingest.accept(reports("n" + i + "-", 1_000));
    }

    ingest.stop();

    assertThat(ingest.stats().stored()).isEqualTo(5_000);
    assertThat(ingest.stats().queued()).isZero();
  }
}
