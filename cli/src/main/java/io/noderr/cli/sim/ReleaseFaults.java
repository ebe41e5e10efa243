package io.noderr.cli.sim;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Failure injection per release: the share of simulated nodes on which an update to a version goes
 * wrong, and how. Which nodes is a stable hash of node id and version, so a retry of the same node
 * fails the same way until the knob changes — like a real bad release. Settable while the fleet
 * runs.
 *
 * <p>Spec syntax (flags, properties, console): comma-separated {@code VERSION:KIND=PERCENT}, e.g.
 * {@code 1.6.0:unhealthy=30,1.6.0:hang=5}; {@code VERSION=PERCENT} means unhealthy. ERRORS and
 * LATENCY hurt a node without failing it: the update and its soak succeed, and only the node's
 * telemetry shows it (what an analysis gate is for).
 */
public final class ReleaseFaults {

  /** What goes wrong on an affected node. */
  public enum Kind {
    /** The new release fails its health soak; the node goes back by itself (REVERTED). */
    UNHEALTHY,
    /** The update works but takes {@link #SLOW_MILLIS} longer, heartbeating. */
    SLOW,
    /** The agent dies mid-update and comes back; the retry of the same update finishes it. */
    CRASH,
    /** The agent never answers: no result, no heartbeat, until the platform gives up. */
    HANG,
    /** The update and its soak succeed; the node then reports {@link #ERROR_FACTOR}x errors. */
    ERRORS,
    /** The update and its soak succeed; the node then reports {@link #LATENCY_FACTOR}x latency. */
    LATENCY
  }

  static final long SLOW_MILLIS = 10_000;

  /** How much an ERRORS release multiplies a node's error rate. */
  static final double ERROR_FACTOR = 8;

  /** How much a LATENCY release multiplies a node's p95 latency. */
  static final double LATENCY_FACTOR = 4;

  private final Map<String, Map<Kind, Integer>> percentByVersion = new ConcurrentHashMap<>();

  /** Updates to {@code version} go wrong in {@code kind}'s way on {@code percent}% of the nodes. */
  public synchronized void set(String version, Kind kind, int percent) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("a release fault needs a version");
    }
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a release fault's percent must be between 0 and 100");
    }
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    kinds.putAll(percentByVersion.getOrDefault(version, Map.of()));
    if (percent == 0) {
      kinds.remove(kind);
    } else {
      kinds.put(kind, percent);
    }
    int sum = kinds.values().stream().mapToInt(Integer::intValue).sum();
    if (sum > 100) {
      throw new IllegalArgumentException(
          "the faults of " + version + " would add up to " + sum + "%, more than 100%");
    }
    if (kinds.isEmpty()) {
      percentByVersion.remove(version);
    } else {
      // An EnumMap, not Map.copyOf: spec() lists kinds in a stable order.
      percentByVersion.put(version, Collections.unmodifiableMap(kinds));
    }
  }

  /**
   * Applies every entry of a spec (see the class comment), all or nothing: a bad entry changes no
   * knob.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public synchronized void apply(String spec) {
    Map<String, Map<Kind, Integer>> before = current();
    try {
      for (String entry : spec.split(",")) {
        if (!entry.isBlank()) {
          applyEntry(entry.strip());
        }
      }
    } catch (IllegalArgumentException e) {
      percentByVersion.clear();
      percentByVersion.putAll(before);
      throw e;
    }
  }

  private void applyEntry(String entry) {
    String[] assignment = entry.split("=", 2);
    String[] target = assignment[0].split(":", 2);
    if (assignment.length != 2 || !assignment[1].strip().matches("\\d{1,3}")) {
      throw new IllegalArgumentException(
          "release fault '" + entry + "' is not VERSION:KIND=PERCENT (e.g. 1.6.0:hang=5)");
    }
    set(
        target[0].strip(),
        target.length == 1 ? Kind.UNHEALTHY : kind(target[1], entry),
        percent(assignment[1]));
  }

  private static int percent(String text) {
    return Integer.parseInt(text.strip());
  }

  private static Kind kind(String name, String entry) {
    try {
      return Kind.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "release fault '"
              + entry
              + "': the kind must be unhealthy, slow, crash, hang, errors or latency");
    }
  }

  /** Every knob set, by version (sorted) and kind. */
  public Map<String, Map<Kind, Integer>> current() {
    return new TreeMap<>(percentByVersion);
  }

  /** The knobs as a spec that {@link #apply} reads back; empty when none is set. */
  public String spec() {
    StringBuilder spec = new StringBuilder();
    current()
        .forEach(
            (version, kinds) ->
                kinds.forEach(
                    (kind, percent) ->
                        spec.append(spec.isEmpty() ? "" : ",")
                            .append(version)
                            .append(':')
                            .append(kind.name().toLowerCase(Locale.ROOT))
                            .append('=')
                            .append(percent)));
    return spec.toString();
  }

  /** How an update of this node to this version goes wrong, if it does. */
  Optional<Kind> faultOf(String nodeId, String version) {
    Map<Kind, Integer> kinds = percentByVersion.get(version);
    if (kinds == null) {
      return Optional.empty();
    }
    CRC32 crc = new CRC32();
    crc.update((nodeId + "@" + version).getBytes(StandardCharsets.UTF_8));
    long bucket = crc.getValue() % 100;
    int bound = 0;
    for (Kind kind : Kind.values()) {
      bound += kinds.getOrDefault(kind, 0);
      if (bucket < bound) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
