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

    assertThat(info.current().getVersion().getVersion()).isEqualTo("22");
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
                    // Partitions are the tables' storage, not tables of their own (below).
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
                        + " AND NOT c.relispartition",
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
            "release_requests",
            "release_signatures",
            "beacon_events",
            "beacon_cursor",
            "local_beacon",
            "local_multisig",
            "rollouts",
            "rollout_targets",
            "api_tokens",
            "auto_deploy_policies",
            "auto_deploy_cursor",
            "rollout_checkpoints",
            "emergencies",
            "tier_holds",
            "emergency_quarantines",
            "alerts",
            "alert_deliveries",
            "alert_silences",
            "telemetry_samples",
            "telemetry_minute",
            "telemetry_hour",
            "telemetry_fleet_minute",
            "telemetry_fleet_hour",
            "telemetry_rollup_cursor",
            "operator_logins",
            "governance_cursor",
            "governance_events",
            "governance_stakes",
            "governance_proposals",
            "governance_votes",
            "governance_nonces",
            "governance_parameters",
            "platform_parameters",
            "reward_epochs",
            "reward_epoch_nodes",
            "reward_epoch_stakes",
            "reward_epoch_exclusions",
            "reward_payouts",
            "reward_exclusions",
            "treasury_accounts",
            "treasury_entries",
            "treasury_postings",
            "treasury_cursor",
            "treasury_reconciliations",
            "slashing_disputes",
            "flyway_schema_history");
  }

  @Test
  void rawTelemetry_isPartitionedByHour_withADefaultPartition_andTheHoursAhead() {
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT partstrat FROM pg_partitioned_table"
                        + " WHERE partrelid = 'telemetry_samples'::regclass",
                    String.class))
        .isEqualTo("r");
    assertThat(
            db.jdbc()
                .queryForList(
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'telemetry_samples'::regclass",
                    String.class))
        .contains("telemetry_samples_default")
        .hasSizeGreaterThanOrEqualTo(1 + 4);
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT count(*) FROM pg_indexes WHERE indexname = 'rollout_targets_node'",
                    Long.class))
        .isOne();
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

  private static void insertApplication(String id) {
    db.jdbc()
        .update(
            "INSERT INTO node_applications (id, operator_name, contact, tier, region, status)"
                + " VALUES (?, 'Acme', 'ops@acme.example', 'ORACLE', 'eu', 'IN_REVIEW')",
            id);
  }

  private static int insertToken(String hash, String applicationId, String tier) {
    return db.jdbc()
        .update(
            "INSERT INTO install_tokens (token_hash, application_id, tier, issued_by, expires_at)"
                + " VALUES (?, ?, ?, 'alice', now() + interval '1 day')",
            hash,
            applicationId,
            tier);
  }

  @Test
  void schema_acceptsOnlyLowercaseSha256HexAsTokenHashes() {
    insertApplication("app-1");
    db.jdbc().update("INSERT INTO operators (id, name) VALUES ('acme', 'Acme')");
    db.jdbc()
        .update(
            "INSERT INTO nodes (id, operator_id, tier, region, status)"
                + " VALUES ('n-1', 'acme', 'ORACLE', 'eu', 'ACTIVE')");

    for (String malformed :
        new String[] {
          "",
          "abc",
          "A".repeat(64),
          "a".repeat(63),
          "a".repeat(65),
          "g".repeat(64),
          "a".repeat(64) + "\n",
          "ndr_it_" + "a".repeat(57)
        }) {
      assertThatThrownBy(() -> insertToken(malformed, "app-1", "ORACLE"))
          .as("install token hash %s", malformed)
          .isInstanceOf(DataIntegrityViolationException.class);
      assertThatThrownBy(
              () ->
                  db.jdbc()
                      .update(
                          "INSERT INTO node_sessions (token_hash, node_id, expires_at)"
                              + " VALUES (?, 'n-1', now() + interval '15 minutes')",
                          malformed))
          .as("session token hash %s", malformed)
          .isInstanceOf(DataIntegrityViolationException.class);
    }
    assertThat(insertToken("0123456789abcdef".repeat(4), "app-1", "ORACLE")).isEqualTo(1);
  }

  @Test
  void schema_rejectsAnInstallTokenOfAnUnknownTier() {
    insertApplication("app-1");

    assertThatThrownBy(() -> insertToken("a".repeat(64), "app-1", "VALIDATOR"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void schema_allowsOneLiveInstallTokenPerApplication() {
    insertApplication("app-1");
    insertToken("a".repeat(64), "app-1", "ORACLE");

    assertThatThrownBy(() -> insertToken("b".repeat(64), "app-1", "ORACLE"))
        .isInstanceOf(DataIntegrityViolationException.class);

    db.jdbc().update("UPDATE install_tokens SET revoked_at = now()");
    assertThat(insertToken("b".repeat(64), "app-1", "ORACLE")).isEqualTo(1);
    db.jdbc()
        .update("UPDATE install_tokens SET used_at = now() WHERE token_hash = ?", "b".repeat(64));
    assertThat(insertToken("c".repeat(64), "app-1", "ORACLE")).isEqualTo(1);
  }
}
