package io.noderr.workflows.rollout;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** The named strategies an admin picks from (the console's wizard, auto-deploy policies). */
public enum RolloutPreset {
  CANARY("canary", "Canary 1/10/50/100 %", RolloutStrategy::canary),
  PHASED("phased", "Phased 5/15/80 % (cumulative 5/20/100)", RolloutStrategy::phased),
  ALL_AT_ONCE("all-at-once", "All at once", RolloutStrategy::allAtOnce);

  private final String id;
  private final String label;
  private final Supplier<RolloutStrategy> strategy;

  RolloutPreset(String id, String label, Supplier<RolloutStrategy> strategy) {
    this.id = id;
    this.label = label;
    this.strategy = strategy;
  }

  /** The name used in forms, the API and the database ({@code canary}, {@code all-at-once}). */
  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public RolloutStrategy strategy() {
    return strategy.get();
  }

  /**
   * The preset with the platform's first-cohort percent when governance set one ({@code
   * rollout.canaryPercent}, applied by an executed proposal), else its own.
   */
  public RolloutStrategy strategy(OptionalInt firstCohortPercent) {
    RolloutStrategy defaults = strategy();
    return firstCohortPercent.isPresent()
        ? defaults.withFirstCohortPercent(firstCohortPercent.getAsInt())
        : defaults;
  }

  public static Optional<RolloutPreset> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  /** {@code canary, phased, all-at-once}: for messages that list the choices. */
  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(RolloutPreset::id).toList());
  }
}
