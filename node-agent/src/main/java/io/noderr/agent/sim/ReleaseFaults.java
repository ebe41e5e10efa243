package io.noderr.agent.sim;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Failure injection per release: the share of simulated nodes whose update to a version fails its
 * health soak (and reverts). Which nodes fail is a stable hash of node id and version, so a retry
 * of the same node fails again until the knob changes — like a real bad release. Settable while the
 * fleet runs.
 */
public final class ReleaseFaults {

  private final Map<String, Integer> failurePercentByVersion = new ConcurrentHashMap<>();

  /** Updates to {@code version} fail on {@code percent}% of the nodes (0 clears it). */
  public void failUpdatesTo(String version, int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("failure percent must be between 0 and 100");
    }
    if (percent == 0) {
      failurePercentByVersion.remove(version);
    } else {
      failurePercentByVersion.put(version, percent);
    }
  }

  public Map<String, Integer> current() {
    return Map.copyOf(failurePercentByVersion);
  }

  boolean failsOn(String nodeId, String version) {
    int percent = failurePercentByVersion.getOrDefault(version, 0);
    if (percent == 0) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update((nodeId + "@" + version).getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 100 < percent;
  }
}
