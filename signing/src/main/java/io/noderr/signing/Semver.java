package io.noderr.signing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0.0) with its precedence rules: pre-releases sort below their
 * release, numeric identifiers numerically, build metadata is ignored. Releases are published only
 * in increasing order of this precedence unless a downgrade is explicitly requested.
 */
public record Semver(long major, long minor, long patch, List<String> preRelease, String build)
    implements Comparable<Semver> {

  /**
   * Longer strings are refused before any parsing (the chain stores them, every byte costs gas).
   */
  public static final int MAX_LENGTH = 64;

  private static final String NUMBER = "0|[1-9]\\d{0,17}";
  private static final String PRE_ID = "0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*";
  private static final Pattern SEMVER =
      Pattern.compile(
          "^("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")(?:-((?:"
              + PRE_ID
              + ")(?:\\.(?:"
              + PRE_ID
              + "))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  public Semver {
    preRelease = List.copyOf(preRelease);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the problem, for anything that is not a semver
   */
  public static Semver parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("version is required (semantic version, e.g. 1.4.2)");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("version is longer than " + MAX_LENGTH + " characters");
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build], e.g. 1.4.2)");
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return new Semver(
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)),
        pre,
        m.group(5) == null ? "" : m.group(5));
  }

  /** True when {@code text} parses. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public int compareTo(Semver other) {
    int c = Long.compare(major, other.major);
    if (c == 0) c = Long.compare(minor, other.minor);
    if (c == 0) c = Long.compare(patch, other.patch);
    if (c != 0) return c;
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      c = comparePreReleaseId(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  public boolean isAbove(Semver other) {
    return compareTo(other) > 0;
  }

  private static int comparePreReleaseId(String a, String b) {
    boolean aNumeric = a.chars().allMatch(Character::isDigit);
    boolean bNumeric = b.chars().allMatch(Character::isDigit);
    if (aNumeric && bNumeric) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1; // numeric identifiers have lower precedence
    }
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    return major
        + "."
        + minor
        + "."
        + patch
        + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease))
        + (build.isEmpty() ? "" : "+" + build);
  }
}
