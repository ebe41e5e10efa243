package io.noderr.registry.governance;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * An operator's governance identity: the signing address of its approved (or registered)
 * application. The registry's operator id of a registered node is that address, lowercase.
 */
@Repository
public class GovernanceIdentities {

  private final JdbcTemplate jdbc;

  GovernanceIdentities(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The signing address (lowercase) the node's operator may speak with: its operator's approved
   * application's; empty when the node is unknown or its operator has no approved application.
   */
  public Optional<String> signingAddressOfNode(String nodeId) {
    List<String> addresses =
        jdbc.queryForList(
            "SELECT DISTINCT lower(a.signing_address) FROM nodes n JOIN node_applications a"
                + " ON lower(a.signing_address) = lower(n.operator_id)"
                + " WHERE n.id = ? AND a.status IN ('APPROVED', 'REGISTERED')",
            String.class,
            nodeId);
    return addresses.size() == 1 ? Optional.of(addresses.getFirst()) : Optional.empty();
  }

  /**
   * The signing address (lowercase) an operator votes and proposes with: its approved (or
   * registered) application's, which is also its registry id; empty for an operator without one
   * (e.g. an operator an admin created by name).
   */
  public Optional<String> signingAddressOfOperator(String operatorId) {
    List<String> addresses =
        jdbc.queryForList(
            "SELECT DISTINCT lower(signing_address) FROM node_applications"
                + " WHERE lower(signing_address) = lower(?) AND status IN ('APPROVED', 'REGISTERED')",
            String.class,
            operatorId);
    return addresses.size() == 1 ? Optional.of(addresses.getFirst()) : Optional.empty();
  }
}
