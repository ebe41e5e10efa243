package io.noderr.worker;

import io.noderr.registry.RegistryConfiguration;
import io.noderr.registry.Tier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.function.Consumer;
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
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A throwaway PostgreSQL (zonky embedded) migrated with the registry's Flyway scripts, with the
 * registry's beans wired on it as the application wires them ({@link RegistryConfiguration} plus
 * Spring Boot's JdbcTemplate, transaction and Spring Data JDBC auto-configuration) and the worker
 * beans a test adds. Start one per test class and close it after the class.
 */
public final class RegistryDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final AnnotationConfigApplicationContext context;

  private RegistryDatabase(EmbeddedPostgres postgres, AnnotationConfigApplicationContext context) {
    this.postgres = postgres;
    this.context = context;
  }

  /**
   * @param workerBeans registers the worker beans under test (and what they need beyond the
   *     registry), e.g. {@code context -> context.registerBean(HealthCheckRecorder.class)}
   */
  public static RegistryDatabase start(Consumer<GenericApplicationContext> workerBeans)
      throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(DataSource.class, () -> dataSource);
    context.register(Wiring.class);
    workerBeans.accept(context);
    context.refresh();
    return new RegistryDatabase(postgres, context);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public JdbcTemplate jdbc() {
    return bean(JdbcTemplate.class);
  }

  /** Inserts a node (and its operator if new) that has not reported anything yet. */
  public void insertNode(String id, Tier tier, String status) {
    jdbc()
        .update(
            "INSERT INTO operators (id, name) VALUES ('acme', 'Acme') ON CONFLICT (id) DO NOTHING");
    jdbc()
        .update(
            "INSERT INTO nodes (id, operator_id, tier, region, status)"
                + " VALUES (?, 'acme', ?, 'eu-west', ?)",
            id,
            tier.name(),
            status);
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
