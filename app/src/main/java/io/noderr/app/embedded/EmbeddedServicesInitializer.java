package io.noderr.app.embedded;

import io.noderr.http.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts embedded PostgreSQL and an embedded Temporal server before any bean exists, unless
 * external ones are configured ({@code NODERR_DB_URL}, {@code NODERR_TEMPORAL_TARGET}). Both are
 * registered as the first disposable beans, so they are stopped last, after the worker and the web
 * server no longer use them.
 */
public class EmbeddedServicesInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Prefix of the embedded Temporal server's platform credential (secret scanners see it). */
  static final String CREDENTIAL_PREFIX = "ntc_";

  /** The file in the data directory holding it (mode 0600), rewritten at every start. */
  static final String CREDENTIAL_FILE = "temporal-credential";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    Map<String, Object> resolved = new HashMap<>();
    var beans = (DefaultListableBeanFactory) context.getBeanFactory();

    String databaseUrl = env.getProperty("noderr.database.url", "");
    if (databaseUrl.isBlank()) {
      EmbeddedDatabase postgres =
          EmbeddedDatabase.start(Path.of(env.getRequiredProperty("noderr.data-dir")));
      beans.registerDisposableBean("embeddedPostgres", postgres::close);
      resolved.put("spring.datasource.url", postgres.jdbcUrl());
      resolved.put("spring.datasource.username", "postgres");
      resolved.put("spring.datasource.password", "");
      resolved.put("noderr.database.embedded", "true");
    } else {
      resolved.put("spring.datasource.url", databaseUrl);
      resolved.put("spring.datasource.username", env.getProperty("noderr.database.username", ""));
      resolved.put("spring.datasource.password", env.getProperty("noderr.database.password", ""));
    }

    String temporalTarget = env.getProperty("noderr.temporal.target", "");
    if (temporalTarget.isBlank()) {
      int port = env.getProperty("noderr.temporal.port", Integer.class, 7233);
      // A fresh secret per start: only this process (and roles it is handed to) may call.
      String credential = Secrets.generate(CREDENTIAL_PREFIX);
      EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(port, credential);
      resolved.put("noderr.temporal.credential", credential);
      writeCredential(Path.of(env.getRequiredProperty("noderr.data-dir")), credential);
      beans.registerDisposableBean("embeddedTemporal", temporal::close);
      resolved.put("noderr.temporal.target", "127.0.0.1:" + temporal.port());
      resolved.put("noderr.temporal.in-process-name", temporal.inProcessName());
      resolved.put("noderr.temporal.embedded", "true");
    }
    env.getPropertySources().addFirst(new MapPropertySource("noderr-embedded", resolved));
  }

  /**
   * Local tools that talk to this server directly ({@code noderr sim --onboard}) read the
   * credential from the data directory, readable by the platform's user only, like the database.
   */
  private static void writeCredential(Path dataDir, String credential) {
    Path file = dataDir.resolve(CREDENTIAL_FILE);
    try {
      Files.createDirectories(dataDir);
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, credential + System.lineSeparator());
    } catch (IOException | UnsupportedOperationException e) {
      throw new PlatformStartupException(
          "cannot write the embedded Temporal credential to " + file + ": " + e.getMessage(),
          "check the data directory is writable, or use --data-dir");
    }
  }
}
