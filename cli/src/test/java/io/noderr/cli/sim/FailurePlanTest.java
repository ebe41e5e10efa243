package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailurePlanTest {

  @Test
  void noFailures_givesEveryNodeNone() {
    assertThat(FailurePlan.NONE.failureOf("sim-00001")).isEqualTo(Failure.NONE);
  }

  @Test
  void failureOf_isStableForAnId() {
    FailurePlan plan = new FailurePlan(25, 25, 25, 25, 0, 0);
    assertThat(plan.failureOf("sim-00042")).isEqualTo(plan.failureOf("sim-00042"));
  }

  @Test
  void shares_areRoughlyTheRequestedPercentages() {
    FailurePlan plan = new FailurePlan(10, 5, 5, 10, 0, 0);
    Map<Failure, Integer> counts = new EnumMap<>(Failure.class);
    for (int i = 0; i < 10_000; i++) {
      counts.merge(plan.failureOf("sim-%05d".formatted(i)), 1, Integer::sum);
    }
    assertThat(counts.get(Failure.UNHEALTHY)).isBetween(800, 1200);
    assertThat(counts.get(Failure.SLOW)).isBetween(350, 650);
    assertThat(counts.get(Failure.CRASH)).isBetween(350, 650);
    assertThat(counts.get(Failure.SILENT)).isBetween(800, 1200);
  }

  @Test
  void rejects_percentagesOutOfRange_orAddingUpPast100() {
    assertThatThrownBy(() -> new FailurePlan(101, 0, 0, 0, 0, 0))
        .hasMessageContaining("between 0 and 100");
    assertThatThrownBy(() -> new FailurePlan(60, 60, 0, 0, 0, 0))
        .hasMessageContaining("more than 100");
    assertThatThrownBy(() -> new FailurePlan(0, 0, 0, 0, -1, 0)).hasMessageContaining("negative");
  }

  @Test
  void fleetSpec_spreadsTiersOperatorsAndRegions_andValidatesPrefix() {
    SimulatedFleetSpec spec = new SimulatedFleetSpec("sim", 10, "1.0.0", FailurePlan.NONE);
    assertThat(spec.nodeId(0)).isEqualTo("sim-00001");
    assertThat(spec.tier(6)).as("the fleet token's fleet: tier ALL only").isEqualTo("ALL");
    SimulatedFleetSpec mixed = new SimulatedFleetSpec("sim", 10, "1.0.0", FailurePlan.NONE, true);
    assertThat(mixed.tier(0)).isEqualTo("ALL");
    assertThat(mixed.tier(6)).isEqualTo("ORACLE");
    assertThat(mixed.tier(9)).isEqualTo("GUARDIAN");
    assertThatThrownBy(() -> new SimulatedFleetSpec("Bad Prefix", 1, "1.0.0", FailurePlan.NONE))
        .hasMessageContaining("id prefix");
    assertThatThrownBy(() -> new SimulatedFleetSpec("sim", -1, "1.0.0", FailurePlan.NONE))
        .hasMessageContaining("fleet size");
  }
}
