package io.noderr.cli.sim;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * How many simulated nodes misbehave, and how. Percentages are of the fleet; each node's mode is
 * chosen by a stable hash of its id, so a restarted simulator gives the same nodes the same
 * failures.
 */
public record FailurePlan(
    int unhealthyPercent,
    int slowPercent,
    int crashPercent,
    int silentPercent,
    long slowDelayMillis,
    long crashRestartMillis) {

  public static final FailurePlan NONE = new FailurePlan(0, 0, 0, 0, 3_000, 20_000);

  public FailurePlan {
    for (int percent : new int[] {unhealthyPercent, slowPercent, crashPercent, silentPercent}) {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("failure percentages must be between 0 and 100");
      }
    }
    if (unhealthyPercent + slowPercent + crashPercent + silentPercent > 100) {
      throw new IllegalArgumentException("failure percentages add up to more than 100");
    }
    if (slowDelayMillis < 0 || crashRestartMillis < 0) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The failure mode of the node with this id. */
  public Failure failureOf(String nodeId) {
    CRC32 crc = new CRC32();
    crc.update(nodeId.getBytes(StandardCharsets.UTF_8));
    long bucket = crc.getValue() % 100;
    int bound = unhealthyPercent;
    if (bucket < bound) {
      return Failure.UNHEALTHY;
    }
    bound += slowPercent;
    if (bucket < bound) {
      return Failure.SLOW;
    }
    bound += crashPercent;
    if (bucket < bound) {
      return Failure.CRASH;
    }
    bound += silentPercent;
    return bucket < bound ? Failure.SILENT : Failure.NONE;
  }
}
