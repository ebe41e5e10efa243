package io.noderr.cli.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.agent.runtime.RunningRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a simulated fleet keeps across restarts, as real nodes keep their containers: per node the
 * release it runs, the pinned previous one (what a rollback goes back to), and how many times each
 * update id was applied (a swap or a revert that took place), so a kill drill can prove that no
 * node received the same update twice.
 *
 * <p>Kept in one JSON file per fleet, replaced whole (temporary file + rename, so a reader or a
 * restart never sees half a file) before a change is answered to the platform. Concurrent changes
 * share one write (group commit): a rollout swaps many nodes at once. The file is not fsynced: it
 * must survive the death of the process ({@code kill -9}), which the page cache does; a simulated
 * fleet need not survive the loss of its host.
 */
public final class FleetState {

  static final String FORMAT = "noderr-sim-fleet/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, NodeRecord> nodes; // guarded by this
  private long changes; // guarded by this
  private long written; // guarded by this
  private boolean writeInProgress; // guarded by this

  private FleetState(Path file, Map<String, NodeRecord> nodes) {
    this.file = file;
    this.nodes = nodes;
  }

  /** A fleet that forgets everything when it stops (tests, {@code noderr sim}). */
  public static FleetState inMemory() {
    return new FleetState(null, new LinkedHashMap<>());
  }

  /**
   * The fleet kept in {@code file}; a new, empty one when the file does not exist yet.
   *
   * @throws IllegalStateException in one line, when the file is not a fleet's state
   */
  public static FleetState open(Path file) {
    try {
      Snapshot snapshot = JSON.readValue(Files.readAllBytes(file), Snapshot.class);
      if (!FORMAT.equals(snapshot.format()) || snapshot.nodes() == null) {
        throw new IllegalStateException(
            file + " is not a simulated fleet's state (" + FORMAT + " expected)");
      }
      return new FleetState(file, new LinkedHashMap<>(snapshot.nodes()));
    } catch (NoSuchFileException e) {
      return new FleetState(file, new LinkedHashMap<>());
    } catch (JacksonException e) {
      throw new IllegalStateException(
          file + " is not a simulated fleet's state: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The release each of {@code nodeIds} runs, first recording {@code initial} for the nodes new
   * here (one write for the whole fleet).
   */
  Map<String, RunningRelease> join(List<String> nodeIds, RunningRelease initial) {
    Map<String, RunningRelease> running = new LinkedHashMap<>();
    long change;
    synchronized (this) {
      for (String nodeId : nodeIds) {
        running.put(
            nodeId,
            nodes.computeIfAbsent(nodeId, id -> new NodeRecord(initial, null, null)).running());
      }
      change = ++changes;
    }
    persist(change);
    return running;
  }

  synchronized Optional<RunningRelease> previous(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId)).map(NodeRecord::previous);
  }

  synchronized int timesApplied(String nodeId, String updateId) {
    NodeRecord known = nodes.get(nodeId);
    return known == null ? 0 : known.applied().getOrDefault(updateId, 0);
  }

  /**
   * Records that {@code updateId} was applied to {@code nodeId}, which now runs {@code running}
   * with {@code previous} pinned (null: none); returns once the change is on disk.
   */
  void applied(String nodeId, String updateId, RunningRelease running, RunningRelease previous) {
    long change;
    synchronized (this) {
      NodeRecord known = nodes.get(nodeId);
      Map<String, Integer> applied = new TreeMap<>(known == null ? Map.of() : known.applied());
      applied.merge(updateId, 1, Integer::sum);
      nodes.put(nodeId, new NodeRecord(running, previous, applied));
      change = ++changes;
    }
    persist(change);
  }

  /** Per node, how many times each update id was applied to it (only nodes with any). */
  public synchronized Map<String, Map<String, Integer>> appliedUpdates() {
    Map<String, Map<String, Integer>> applied = new TreeMap<>();
    nodes.forEach(
        (node, known) -> {
          if (!known.applied().isEmpty()) {
            applied.put(node, Map.copyOf(known.applied()));
          }
        });
    return applied;
  }

  /** The release each node runs. */
  public synchronized Map<String, String> versions() {
    Map<String, String> versions = new TreeMap<>();
    nodes.forEach((node, known) -> versions.put(node, known.running().version()));
    return versions;
  }

  /**
   * Writes the state as of {@code change} or later, unless a write since has covered it. One caller
   * writes at a time; the others wait for it and return if it covered their change, so a write
   * serves every change made before it started (group commit).
   */
  private void persist(long change) {
    if (file == null) {
      return;
    }
    Map<String, NodeRecord> snapshot;
    long upTo;
    synchronized (this) {
      while (written < change && writeInProgress) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while saving the simulated fleet's state");
        }
      }
      if (written >= change) {
        return;
      }
      writeInProgress = true;
      // The records are immutable: a shallow copy is the state as of now, serialized unlocked.
      snapshot = new LinkedHashMap<>(nodes);
      upTo = changes;
    }
    boolean done = false;
    try {
      write(JSON.writeValueAsBytes(new Snapshot(FORMAT, snapshot)));
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the simulated fleet's state to " + file, e);
    } finally {
      synchronized (this) {
        writeInProgress = false;
        if (done) {
          written = upTo;
        }
        notifyAll();
      }
    }
  }

  private void write(byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temporary, bytes);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** One node as kept on disk. */
  record NodeRecord(RunningRelease running, RunningRelease previous, Map<String, Integer> applied) {
    NodeRecord {
      // Immutable, so a write may serialize a shallow copy of the fleet outside the lock.
      applied = applied == null ? Map.of() : Collections.unmodifiableMap(applied);
    }
  }

  record Snapshot(String format, Map<String, NodeRecord> nodes) {}
}
