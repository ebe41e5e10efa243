package io.noderr.workflows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The steps a workflow took and has not yet written to its read model and audit log. Update
 * handlers only queue (the sender gets its answer at once, no activity runs inside a handler); the
 * workflow's main loop writes the steps in order through its recording activity. Steps are numbered
 * from 1 so a retried write is recognised. Workflow code only.
 *
 * @param <P> the progress record the recording activity takes
 */
public final class ProgressJournal<P> {

  private final Deque<P> unrecorded = new ArrayDeque<>();
  private final Consumer<P> writer;
  private int steps;

  /**
   * @param writer the recording activity, e.g. {@code platform::recordProgress}
   */
  public ProgressJournal(Consumer<P> writer) {
    this.writer = writer;
  }

  /** Queues the step {@code numbered} builds from the next step number. */
  public void queue(IntFunction<P> numbered) {
    unrecorded.add(numbered.apply(++steps));
  }

  /** Whether steps wait to be written: a reason for the main loop to wake up. */
  public boolean pending() {
    return !unrecorded.isEmpty();
  }

  /** Writes every queued step, in order. */
  public void write() {
    while (!unrecorded.isEmpty()) {
      writer.accept(unrecorded.removeFirst());
    }
  }
}
