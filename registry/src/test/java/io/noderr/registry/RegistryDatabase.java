package io.noderr.registry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A throwaway PostgreSQL (zonky embedded) migrated with the registry's Flyway scripts, with the
 * registry's beans wired on it as the application wires them: {@link RegistryConfiguration} plus
 * Spring Boot's JdbcTemplate, transaction and Spring Data JDBC auto-configuration. Start one per
 * test class and close it after the class.
 */
public final class RegistryDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final AnnotationConfigApplicationContext context;

  private RegistryDatabase(EmbeddedPostgres postgres, AnnotationConfigApplicationContext context) {
    this.postgres = postgres;
    this.context = context;
  }

  public static RegistryDatabase start() throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(DataSource.class, () -> dataSource);
    context.register(Wiring.class);
    context.refresh();
    return new RegistryDatabase(postgres, context);
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

  /** The node's status column, read straight from the table. */
  public String statusOf(String nodeId) {
    return jdbc().queryForObject("SELECT status FROM nodes WHERE id = ?", String.class, nodeId);
  }

  /**
   * Empties every table. The audit log refuses TRUNCATE, so its guard trigger is switched off for
   * the statement (the test database's superuser may; the platform never does).
   */
  public void clear() {
    jdbc()
        .execute(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;"
                + " TRUNCATE audit_log, workflow_runs, deployment_nodes, deployments, nodes,"
                + " operators, node_applications, software_versions RESTART IDENTITY;"
                + " ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
  }

  @Override
  public void close() throws IOException {
    context.close();
    postgres.close();
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
