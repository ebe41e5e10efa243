package io.noderr.app.embedded;

import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * A platform's database start in a JVM of its own, so a test can kill it as {@code kill -9} kills
 * {@code noderr up}: starts the embedded PostgreSQL of the data directory given as the argument,
 * records a marker row, prints {@code READY <jdbc url>} and waits to be killed.
 */
public final class EmbeddedDatabaseChild {

  private EmbeddedDatabaseChild() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var statement = connection.createStatement()) {
      statement.execute("create table if not exists marker (note text)");
      statement.execute("insert into marker values ('written before the crash')");
    }
    System.out.println("READY " + database.jdbcUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
