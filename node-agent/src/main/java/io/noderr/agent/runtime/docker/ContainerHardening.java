package io.noderr.agent.runtime.docker;

import java.util.Locale;
import java.util.Map;

/**
 * How the node software's container is confined. Every container runs with all capabilities dropped
 * and {@code no-new-privileges}; what varies per release comes from the release image's labels,
 * which the signed image digest covers (so the signers approve a release's limits together with its
 * code), and otherwise from the agent's defaults.
 *
 * <p>Labels: {@value #USER} (user[:group] to run as), {@value #MEMORY} (e.g. {@code 256m}), {@value
 * #CPUS} (e.g. {@code 0.5}), {@value #READ_ONLY} ({@code true} or {@code false}).
 *
 * @param user who the software runs as
 * @param memoryBytes memory limit (swap included: the container gets no swap on top)
 * @param cpus CPU limit in cores
 * @param readOnly whether the root file system is read-only ({@code /tmp} stays writable)
 */
record ContainerHardening(String user, long memoryBytes, double cpus, boolean readOnly) {

  static final String USER = "io.noderr.user";
  static final String MEMORY = "io.noderr.memory";
  static final String CPUS = "io.noderr.cpus";
  static final String READ_ONLY = "io.noderr.read-only";

  /** {@code nobody}: no files of its own, no privileges. */
  static final String UNPRIVILEGED_USER = "65534:65534";

  /** Agent defaults: unprivileged, 512 MiB, one core, read-only. */
  static ContainerHardening defaults() {
    return new ContainerHardening(UNPRIVILEGED_USER, 512L << 20, 1.0, true);
  }

  /**
   * The confinement of a container of {@code image}: its labels first, then (for the user) the
   * image's own {@code USER}, then these defaults. An image that needs root must say so ({@code
   * io.noderr.user=0} or {@code USER root}): running as root is never the silent default.
   *
   * @throws IllegalArgumentException naming the label when a label's value is malformed
   */
  ContainerHardening forImage(Map<String, String> labels, String imageUser) {
    String labelledUser = labels.get(USER);
    return new ContainerHardening(
        isSet(labelledUser) ? labelledUser.strip() : isSet(imageUser) ? imageUser : user,
        labels.containsKey(MEMORY) ? bytes(labels.get(MEMORY)) : memoryBytes,
        labels.containsKey(CPUS) ? cpus(labels.get(CPUS)) : cpus,
        labels.containsKey(READ_ONLY) ? flag(labels.get(READ_ONLY)) : readOnly);
  }

  /** Docker's NanoCpus: the CPU limit in billionths of a core. */
  long nanoCpus() {
    return Math.round(cpus * 1e9);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** {@code 256m}, {@code 1g}, {@code 512k} or plain bytes; at least 6 MiB, Docker's minimum. */
  private static long bytes(String value) {
    String size = value.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!size.isEmpty() && "kmg".indexOf(size.charAt(size.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmg".indexOf(size.charAt(size.length() - 1)) + 1));
      size = size.substring(0, size.length() - 1);
    }
    try {
      long bytes = Math.multiplyExact(Long.parseLong(size), unit);
      if (bytes >= 6L << 20) {
        return bytes;
      }
    } catch (NumberFormatException | ArithmeticException malformed) {
      // reported below
    }
    throw malformed(MEMORY, value, "a size of at least 6m such as 256m or 1g");
  }

  private static double cpus(String value) {
    try {
      double cores = Double.parseDouble(value.strip());
      if (cores >= 0.01 && cores <= 1024) {
        return cores;
      }
    } catch (NumberFormatException malformed) {
      // reported below
    }
    throw malformed(CPUS, value, "a number of cores such as 0.5 or 2");
  }

  private static boolean flag(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw malformed(READ_ONLY, value, "true or false");
    };
  }

  private static IllegalArgumentException malformed(String label, String value, String expected) {
    return new IllegalArgumentException(
        "the release image's label " + label + "='" + value + "' is not " + expected);
  }
}
