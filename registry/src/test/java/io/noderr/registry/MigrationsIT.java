package io.noderr.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class MigrationsIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static Flyway flyway() {
    return Flyway.configure()
        .dataSource(db.dataSource())
        .locations("classpath:db/migration")
        .load();
  }

  @Test
  void migrations_applyCleanly_andLeaveNothingPending() {
    MigrationInfoService info = flyway().info();

    assertThat(info.current().getVersion().getVersion()).isEqualTo("2");
    assertThat(info.applied())
        .allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
    assertThat(info.pending()).isEmpty();
    assertThat(flyway().migrate().migrationsExecuted).isZero();
  }

  @Test
  void migrations_createTheRegistryTables() {
    assertThat(
            db.jdbc()
                .queryForList(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                    String.class))
        .containsExactlyInAnyOrder(
            "operators",
            "node_applications",
            "software_versions",
            "nodes",
            "deployments",
            "deployment_nodes",
            "workflow_runs",
            "audit_log",
            "install_tokens",
            "auth_challenges",
            "pending_registrations",
            "node_identities",
            "node_sessions",
            "flyway_schema_history");
  }

  @Test
  void schema_rejectsStatusesOutsideTheEnum() {
    db.jdbc().update("INSERT INTO operators (id, name) VALUES ('acme', 'Acme')");

    assertThatThrownBy(
            () ->
                db.jdbc()
                    .update(
                        "INSERT INTO nodes (id, operator_id, tier, region, status)"
                            + " VALUES ('n-1', 'acme', 'ORACLE', 'eu', 'ONLINE')"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
