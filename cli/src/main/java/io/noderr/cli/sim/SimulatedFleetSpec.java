package io.noderr.cli.sim;

/**
 * The fleet a simulator hosts: {@code size} nodes named {@code <idPrefix>-00001...}, spread over
 * operators and regions (and, with {@code mixedTiers}, tiers) by index, all running {@code
 * version}. Without {@code mixedTiers} every node serves tier ALL: all the fleet token may enrol.
 * Mixed tiers are for the platform's own embedded fleet, whose in-process credential may enrol
 * ORACLE and GUARDIAN demo nodes.
 */
public record SimulatedFleetSpec(
    String idPrefix, int size, String version, FailurePlan failures, boolean mixedTiers) {

  static final String[] OPERATORS = {
    "op-aurora", "op-borealis", "op-cygnus", "op-draco", "op-eridani"
  };
  static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east"};

  public SimulatedFleetSpec {
    if (idPrefix == null || !idPrefix.matches("[a-z][a-z0-9-]{0,30}")) {
      throw new IllegalArgumentException(
          "id prefix must be lower-case letters, digits or '-', starting with a letter");
    }
    if (size < 0 || size > 50_000) {
      throw new IllegalArgumentException("fleet size must be between 0 and 50000");
    }
  }

  /** A fleet of tier ALL nodes. */
  public SimulatedFleetSpec(String idPrefix, int size, String version, FailurePlan failures) {
    this(idPrefix, size, version, failures, false);
  }

  String nodeId(int index) {
    return "%s-%05d".formatted(idPrefix, index + 1);
  }

  /** With mixed tiers six in ten nodes serve ALL, two ORACLE, two GUARDIAN; else all ALL. */
  String tier(int index) {
    if (!mixedTiers) {
      return "ALL";
    }
    int slot = index % 10;
    return slot < 6 ? "ALL" : slot < 8 ? "ORACLE" : "GUARDIAN";
  }

  static String operator(int index) {
    return OPERATORS[(index / 3) % OPERATORS.length];
  }

  static String region(int index) {
    return REGIONS[(index / 7) % REGIONS.length];
  }
}
