package io.noderr.registry.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetHealthQueryIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final FleetHealthQuery query = db.bean(FleetHealthQuery.class);

  private static void node(String id, Tier tier, String status, String version) {
    db.insertNode(id, "acme", tier, "eu-west", status);
    db.jdbc().update("UPDATE nodes SET version = ? WHERE id = ?", version, id);
  }

  @Test
  void emptyFleet_hasZeroTotalAndNoGroups() {
    FleetHealth health = query.current();

    assertThat(health.total()).isZero();
    assertThat(health.byTier()).isEmpty();
    assertThat(health.byStatus()).isEmpty();
    assertThat(health.byVersion()).isEmpty();
    assertThat(health.byTierAndStatus()).isEmpty();
  }

  @Test
  void countsTheFleet_byTierStatusVersionAndTierThenStatus() {
    node("o-1", Tier.ORACLE, "ACTIVE", "1.2.0");
    node("o-2", Tier.ORACLE, "ACTIVE", "1.2.0");
    node("o-3", Tier.ORACLE, "DEGRADED", "1.1.0");
    node("g-1", Tier.GUARDIAN, "ACTIVE", null);
    node("g-2", Tier.GUARDIAN, "QUARANTINED", "1.2.0");
    node("a-1", Tier.ALL, "PENDING", null);

    FleetHealth health = query.current();

    assertThat(health.total()).isEqualTo(6);
    assertThat(health.byTier())
        .containsExactly(entry("ALL", 1L), entry("GUARDIAN", 2L), entry("ORACLE", 3L));
    assertThat(health.byStatus())
        .containsExactly(
            entry("ACTIVE", 3L),
            entry("DEGRADED", 1L),
            entry("PENDING", 1L),
            entry("QUARANTINED", 1L));
    assertThat(health.byTierAndStatus())
        .containsExactly(
            entry("ALL", Map.of("PENDING", 1L)),
            entry("GUARDIAN", Map.of("ACTIVE", 1L, "QUARANTINED", 1L)),
            entry("ORACLE", Map.of("ACTIVE", 2L, "DEGRADED", 1L)));
    assertThat(health.byVersion())
        .containsExactly(entry("1.1.0", 1L), entry("1.2.0", 3L), entry("unknown", 2L));
  }

  @Test
  void nodesWithoutAVersion_areCountedUnderUnknown() {
    node("o-1", Tier.ORACLE, "ACTIVE", null);
    node("o-2", Tier.GUARDIAN, "DEGRADED", null);

    assertThat(query.current().byVersion()).containsExactly(entry(FleetHealthQuery.NO_VERSION, 2L));
  }
}
