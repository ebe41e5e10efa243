package io.noderr.console;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One embedded PostgreSQL for the whole test JVM, stopped when the JVM exits. */
final class TestDatabase {

  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  static synchronized String jdbcUrl() {
    if (postgres == null) {
      try {
        postgres =
            EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is going away anyway
                    }
                  }));
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
