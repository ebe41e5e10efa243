package io.noderr.registry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A JUnit 5 extension giving a test class a throwaway PostgreSQL (zonky embedded) migrated with the
 * registry's Flyway scripts, with the registry's beans wired on it as the application wires them:
 * {@link RegistryConfiguration} plus Spring Boot's JdbcTemplate, transaction and Spring Data JDBC
 * auto-configuration.
 *
 * <p>Register it on a static field; the database starts before the class's own {@code @BeforeAll}
 * methods, every table is emptied before each test (before the class's {@code @BeforeEach}
 * methods), and the database stops after the class:
 *
 * <pre>{@code
 * @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();
 *
 * private final NodeRepository nodes = db.bean(NodeRepository.class);
 * }</pre>
 *
 * Modules that build on the registry (the worker) get this class from the registry's test-jar and
 * add the beans they test with {@link #create(Consumer)}, e.g. {@code
 * RegistryDatabase.create(context -> context.registerBean(HealthCheckRecorder.class))}.
 */
public final class RegistryDatabase
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final Consumer<GenericApplicationContext> extraBeans;
  private EmbeddedPostgres postgres;
  private AnnotationConfigApplicationContext context;

  private RegistryDatabase(Consumer<GenericApplicationContext> extraBeans) {
    this.extraBeans = extraBeans;
  }

  /** The registry's beans only. */
  public static RegistryDatabase create() {
    return create(context -> {});
  }

  /**
   * @param extraBeans registers the beans under test that are not the registry's (and what they
   *     need beyond the registry), e.g. {@code context -> context.registerBean(MyBean.class)}
   */
  public static RegistryDatabase create(Consumer<GenericApplicationContext> extraBeans) {
    return new RegistryDatabase(extraBeans);
  }

  @Override
  public void beforeAll(ExtensionContext extension) throws IOException {
    postgres = EmbeddedPostgres.start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    context = new AnnotationConfigApplicationContext();
    context.registerBean(DataSource.class, () -> dataSource);
    context.register(Wiring.class);
    extraBeans.accept(context);
    context.refresh();
  }

  @Override
  public void beforeEach(ExtensionContext extension) {
    clear();
  }

  @Override
  public void afterAll(ExtensionContext extension) throws IOException {
    context.close();
    postgres.close();
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public DataSource dataSource() {
    return bean(DataSource.class);
  }

  public JdbcTemplate jdbc() {
    return bean(JdbcTemplate.class);
  }

  /** Inserts a node (and its operator if new) that has not reported anything yet. */
  public void insertNode(String id, String operatorId, Tier tier, String region, String status) {
    jdbc()
        .update(
            "INSERT INTO operators (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            operatorId,
            operatorId);
    jdbc()
        .update(
            "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES (?, ?, ?, ?, ?)",
            id,
            operatorId,
            tier.name(),
            region,
            status);
  }

  /**
   * Inserts the nodes (and their operators if new) with one statement per table, so a test fleet of
   * 10,000 takes well under a second.
   */
  public void insertNodes(List<NodeFixture> nodes) {
    jdbc()
        .update(
            con -> {
              PreparedStatement ps =
                  con.prepareStatement(
                      "INSERT INTO operators (id, name) SELECT DISTINCT o, o FROM unnest(?::text[]) o"
                          + " ON CONFLICT (id) DO NOTHING");
              ps.setArray(1, text(con, nodes, NodeFixture::operatorId));
              return ps;
            });
    jdbc()
        .update(
            con -> {
              PreparedStatement ps =
                  con.prepareStatement(
                      "INSERT INTO nodes (id, operator_id, tier, region, status, version, health,"
                          + " attestation_status) SELECT * FROM unnest(?::text[], ?::text[],"
                          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])");
              ps.setArray(1, text(con, nodes, NodeFixture::id));
              ps.setArray(2, text(con, nodes, NodeFixture::operatorId));
              ps.setArray(3, text(con, nodes, n -> n.tier().name()));
              ps.setArray(4, text(con, nodes, NodeFixture::region));
              ps.setArray(5, text(con, nodes, NodeFixture::status));
              ps.setArray(6, text(con, nodes, NodeFixture::version));
              ps.setArray(7, text(con, nodes, NodeFixture::health));
              ps.setArray(8, text(con, nodes, NodeFixture::attestation));
              return ps;
            });
  }

  private static Array text(
      Connection con, List<NodeFixture> nodes, Function<NodeFixture, String> column)
      throws SQLException {
    return con.createArrayOf("text", nodes.stream().map(column).toArray(String[]::new));
  }

  /** The node's status column, read straight from the table. */
  public String statusOf(String nodeId) {
    return jdbc().queryForObject("SELECT status FROM nodes WHERE id = ?", String.class, nodeId);
  }

  /**
   * Empties every table and puts the local beacon back to its migrated state. The audit log refuses
   * TRUNCATE, so its guard trigger is switched off for the statement (the test database's superuser
   * may; the platform never does).
   */
  private void clear() {
    jdbc()
        .execute(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;"
                + " TRUNCATE audit_log, operator_logins, alert_deliveries, alerts, alert_silences, emergency_quarantines, tier_holds, emergencies,"
                + " workflow_runs, node_sessions, node_identities,"
                + " pending_registrations, auth_challenges, install_tokens, deployment_nodes,"
                + " deployments, nodes, operators, node_applications, software_versions,"
                + " release_requests, release_signatures, beacon_events, beacon_cursor,"
                + " rollout_checkpoints, rollout_targets, rollouts,"
                + " auto_deploy_policies, auto_deploy_cursor,"
                + " telemetry_samples, telemetry_minute, telemetry_hour, telemetry_fleet_minute,"
                + " telemetry_fleet_hour, telemetry_rollup_cursor,"
                + " governance_cursor, governance_events, governance_stakes, governance_proposals,"
                + " governance_votes, governance_nonces, governance_parameters, platform_parameters,"
                + " reward_epochs, reward_epoch_nodes, reward_epoch_stakes, reward_epoch_exclusions,"
                + " reward_payouts, reward_exclusions,"
                + " treasury_reconciliations, treasury_postings, treasury_entries, treasury_cursor,"
                + " treasury_accounts, slashing_disputes"
                + " RESTART IDENTITY;"
                + " ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;"
                + " UPDATE local_beacon SET version = NULL, image_digest = NULL,"
                + " minimum_version = NULL, notes_uri = NULL, published_at = NULL, paused = false,"
                + " guardian_expires_at = NULL;"
                + " UPDATE local_multisig SET nonce = 0, signers = NULL, threshold = NULL,"
                + " guardians = NULL");
  }

  @Configuration(proxyBeanMethods = false)
  @Import(RegistryConfiguration.class)
  @ImportAutoConfiguration({
    JdbcTemplateAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    JdbcRepositoriesAutoConfiguration.class
  })
  static class Wiring {}
}
