package io.noderr.gateway.telemetry;

import io.noderr.registry.telemetry.TelemetrySample;
import io.noderr.registry.telemetry.TelemetrySamples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Accepts reports into a bounded queue and writes them in batches from one thread, so a thousand
 * reports a second cost a few INSERTs, not a thousand transactions.
 *
 * <p>Nothing accepted is dropped silently: a batch is accepted whole or refused whole (the agent
 * gets a 503 and sends it again), a batch the database refuses is retried until it is written, and
 * on shutdown the queue is drained before the process stops. Reports for nodes the registry does
 * not know are counted, not stored.
 */
@Component
public class TelemetryIngest implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TelemetryIngest.class);

  private final TelemetrySamples samples;
  private final TelemetryIngestProperties properties;
  private final BlockingQueue<TelemetrySample> queue;
  private final Object offering = new Object();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong unknownNode = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private volatile boolean running;
  private Thread writer;

  TelemetryIngest(TelemetrySamples samples, TelemetryIngestProperties properties) {
    this.samples = samples;
    this.properties = properties;
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
  }

  /**
   * Queues the whole batch, or none of it.
   *
   * @throws TelemetryQueueFullException when the queue has no room for all of it
   */
  public void accept(List<TelemetrySample> reports) {
    // One offer at a time, so the room checked is the room used: no batch is half queued.
    synchronized (offering) {
      int free = queue.remainingCapacity();
      if (free < reports.size()) {
        refused.addAndGet(reports.size());
        throw new TelemetryQueueFullException(reports.size(), free);
      }
      queue.addAll(reports);
    }
    accepted.addAndGet(reports.size());
  }

  /** The ingest's counters since the process started. */
  public Stats stats() {
    return new Stats(
        accepted.get(),
        refused.get(),
        stored.get(),
        unknownNode.get(),
        writeFailures.get(),
        lost.get(),
        queue.size());
  }

  /**
   * @param accepted reports queued
   * @param refused reports refused with 503 (the agent keeps and resends them)
   * @param stored samples written
   * @param unknownNode accepted reports of nodes the registry does not know (or duplicates)
   * @param writeFailures batch writes the database refused (each retried)
   * @param lost accepted reports never written: only when the process stopped with the database
   *     unreachable
   * @param queued reports accepted and not yet written
   */
  public record Stats(
      long accepted,
      long refused,
      long stored,
      long unknownNode,
      long writeFailures,
      long lost,
      long queued) {}

  @Override
  public void start() {
    running = true;
    writer = Thread.ofPlatform().name("telemetry-writer").daemon().start(this::drainLoop);
  }

  @Override
  public void stop() {
    running = false;
    writer.interrupt();
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void drainLoop() {
    List<TelemetrySample> batch = new ArrayList<>(properties.maxBatch());
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          TelemetrySample first = running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, properties.maxBatch() - 1);
        }
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        // stop(): keep draining what was accepted, without waiting for more.
        running = false;
      }
    }
  }

  private void write(List<TelemetrySample> batch) throws InterruptedException {
    while (true) {
      try {
        int written = samples.insert(batch);
        stored.addAndGet(written);
        unknownNode.addAndGet(batch.size() - written);
        return;
      } catch (RuntimeException e) {
        writeFailures.incrementAndGet();
        log.warn(
            "could not write {} telemetry report(s), retrying in {}: {}",
            batch.size(),
            properties.retryDelay(),
            e.getMessage());
        if (!running) {
          // Shutting down with the database gone: say what is lost rather than hang the stop.
          int notWritten = batch.size() + queue.size();
          lost.addAndGet(notWritten);
          log.error("{} telemetry report(s) not written at shutdown", notWritten);
          queue.clear();
          return;
        }
        Thread.sleep(properties.retryDelay());
      }
    }
  }
}
