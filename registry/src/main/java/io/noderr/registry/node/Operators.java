package io.noderr.registry.node;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Creates operators where the platform meets them first. An operator's id is its signing address
 * (onboarded nodes) or its name (enrolled simulated nodes); whoever comes first creates the row,
 * the others leave it as it is.
 */
@Repository
public class Operators {

  private final JdbcTemplate jdbc;

  Operators(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the operator unless it exists; true when it was created. */
  public boolean ensure(String id, String name, String contact) {
    return jdbc.update(
            "INSERT INTO operators (id, name, contact) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            id,
            name,
            contact)
        == 1;
  }

  public boolean exists(String id) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM operators WHERE id = ?)", Boolean.class, id));
  }
}
