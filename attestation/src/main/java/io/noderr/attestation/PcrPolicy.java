package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.PCR_POLICY_VIOLATION;

import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which SHA-256 PCRs every quote must cover, and which values they may hold. A PCR without allowed
 * values accepts any value at registration (trust on first use): that value is recorded, and every
 * later quote must repeat it ({@link #checkUnchanged}).
 *
 * @param indices the PCRs every quote covers, 0 to 23
 * @param allowedValues per PCR, the accepted values as lowercase hex (64 digits); every key is one
 *     of {@code indices} and every set is non-empty
 */
public record PcrPolicy(SortedSet<Integer> indices, Map<Integer, Set<String>> allowedValues) {

  /** PCRs 0 to 23: the bank size the TCG PC Client profile requires and swtpm has. */
  public static final int PCR_COUNT = 24;

  private static final int SHA256_HEX_DIGITS = 64;

  public PcrPolicy {
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("a PCR policy needs at least one PCR");
    }
    for (int index : indices) {
      if (index < 0 || index >= PCR_COUNT) {
        throw new IllegalArgumentException("PCR " + index + " does not exist (0 to 23)");
      }
    }
    indices = Collections.unmodifiableSortedSet(new TreeSet<>(indices));
    SortedMap<Integer, Set<String>> allowed = new TreeMap<>();
    for (Map.Entry<Integer, Set<String>> entry : allowedValues.entrySet()) {
      if (!indices.contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "PCR " + entry.getKey() + " has allowed values but is not one of the quoted PCRs");
      }
      if (entry.getValue().isEmpty()) {
        throw new IllegalArgumentException("PCR " + entry.getKey() + " lists no allowed values");
      }
      allowed.put(entry.getKey(), normalized(entry.getKey(), entry.getValue()));
    }
    allowedValues = Collections.unmodifiableSortedMap(allowed);
  }

  /** PCRs 0 to 7 (firmware, boot loader and Secure Boot state), any values. */
  public static PcrPolicy defaults() {
    return of(IntStream.range(0, 8).boxed().toList(), Map.of());
  }

  /** Builds a policy from configuration-shaped collections (lists of indices and of hex values). */
  public static PcrPolicy of(
      Collection<Integer> indices, Map<Integer, ? extends Collection<String>> allowedValues) {
    return new PcrPolicy(
        new TreeSet<>(indices),
        allowedValues.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
  }

  /** Whether {@code value} is a SHA-256 PCR value in hex, in either case. */
  static boolean isSha256Hex(String value) {
    return value != null
        && value.length() == SHA256_HEX_DIGITS
        && value.chars().allMatch(HexFormat::isHexDigit);
  }

  /**
   * @param values the quoted values of exactly {@link #indices()}, lowercase hex
   */
  void check(SortedMap<Integer, String> values) {
    allowedValues.forEach(
        (index, allowed) -> {
          if (!allowed.contains(values.get(index))) {
            throw new AttestationException(
                PCR_POLICY_VIOLATION,
                "PCR " + index + " holds a value the PCR policy does not allow");
          }
        });
  }

  /**
   * Trust on first use for the PCRs without allowed values: each must still hold the value it had
   * at registration. PCRs with allowed values are {@link #check}ed instead (an admin-approved
   * update may move them within the list); PCRs {@code recorded} lacks are not compared.
   *
   * @param quoted the values a verified quote covers, lowercase hex
   * @param recorded the node's values from registration, hex in either case
   * @throws AttestationException {@code PCR_POLICY_VIOLATION} naming the first changed PCR
   */
  public void checkUnchanged(SortedMap<Integer, String> quoted, Map<Integer, String> recorded) {
    for (int index : indices) {
      String baseline = recorded.get(index);
      if (!allowedValues.containsKey(index)
          && baseline != null
          && !baseline.equalsIgnoreCase(quoted.get(index))) {
        throw new AttestationException(
            PCR_POLICY_VIOLATION,
            "PCR "
                + index
                + " no longer holds the value recorded at registration (trust on first use)");
      }
    }
  }

  private static Set<String> normalized(int index, Set<String> values) {
    for (String value : values) {
      if (!isSha256Hex(value)) {
        throw new IllegalArgumentException(
            "an allowed value of PCR " + index + " is not a 64-digit hex SHA-256 value");
      }
    }
    return values.stream()
        .map(v -> v.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
