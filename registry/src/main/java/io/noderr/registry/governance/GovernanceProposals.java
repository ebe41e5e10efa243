package io.noderr.registry.governance;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;
import static io.noderr.registry.governance.Numbers.uint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Proposals and votes as the follower and the proposal workflows recorded them, and the governor
 * nonces ballots are signed with.
 */
@Repository
public class GovernanceProposals {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String COLUMNS =
      "proposal_id, chain_id, governor_address, proposer, tier, description, targets, call_values,"
          + " calldatas, vote_start, vote_end, eta, state, for_votes, against_votes, abstain_votes,"
          + " quorum_needed, created_tx, created_block, queued_operation_id, queued_tx,"
          + " executed_tx, canceled_tx, updated_at";

  private final JdbcTemplate jdbc;

  GovernanceProposals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ProposalRow> find(String proposalId) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM governance_proposals WHERE proposal_id = ?",
            GovernanceProposals::row,
            proposalId)
        .stream()
        .findFirst();
  }

  /** Newest first. */
  public List<ProposalRow> recent(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM governance_proposals ORDER BY created_block DESC, proposal_id LIMIT ?",
        GovernanceProposals::row,
        limit);
  }

  /**
   * Proposals queued on the timelock whose operation the follower saw (what the guardian may veto),
   * the soonest to execute first.
   */
  public List<ProposalRow> queued(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM governance_proposals WHERE state = 'QUEUED' AND queued_operation_id IS NOT"
            + " NULL ORDER BY eta NULLS LAST, proposal_id LIMIT ?",
        GovernanceProposals::row,
        limit);
  }

  /** The proposal's votes, heaviest first. */
  public List<VoteRow> votes(String proposalId) {
    return jdbc.query(
        "SELECT proposal_id, voter, support, weight, reason, transaction_hash, block_number"
            + " FROM governance_votes WHERE proposal_id = ? ORDER BY weight DESC, voter",
        (rs, i) ->
            new VoteRow(
                rs.getString("proposal_id"),
                rs.getString("voter"),
                rs.getString("support"),
                uint(rs, "weight"),
                rs.getString("reason"),
                rs.getString("transaction_hash"),
                rs.getLong("block_number")),
        proposalId);
  }

  /**
   * The state a proposal workflow confirmed on chain, with the tallies and quorum it read; never
   * moves the proposal back (a retried or late write changes nothing).
   */
  public void recordConfirmed(
      String proposalId,
      ProposalStatus state,
      BigInteger forVotes,
      BigInteger againstVotes,
      BigInteger abstainVotes,
      BigInteger quorumNeeded,
      Instant eta) {
    jdbc.update(
        "UPDATE governance_proposals SET quorum_needed = COALESCE(?, quorum_needed),"
            + " eta = COALESCE(?, eta), for_votes = GREATEST(for_votes, ?),"
            + " against_votes = GREATEST(against_votes, ?),"
            + " abstain_votes = GREATEST(abstain_votes, ?), updated_at = now()"
            + " WHERE proposal_id = ?",
        column(quorumNeeded),
        timestamp(eta),
        column(forVotes),
        column(againstVotes),
        column(abstainVotes),
        proposalId);
    advance(jdbc, proposalId, state);
  }

  /** The governor's nonce of the account as last recorded; 0 for an account never seen signing. */
  public BigInteger nonceOf(String address) {
    List<BigInteger> nonces =
        jdbc.query(
            "SELECT nonce FROM governance_nonces WHERE address = ?",
            (rs, i) -> uint(rs, "nonce"),
            address);
    return nonces.isEmpty() ? BigInteger.ZERO : nonces.getFirst();
  }

  static void advance(JdbcTemplate jdbc, String proposalId, ProposalStatus state) {
    jdbc.update(
        "UPDATE governance_proposals SET state = ?, state_rank = ?, updated_at = now()"
            + " WHERE proposal_id = ? AND state_rank < ?",
        state.name(),
        state.rank(),
        proposalId,
        state.rank());
  }

  private static ProposalRow row(ResultSet rs, int rowNum) throws SQLException {
    return new ProposalRow(
        rs.getString("proposal_id"),
        rs.getLong("chain_id"),
        rs.getString("governor_address"),
        rs.getString("proposer"),
        rs.getString("tier"),
        rs.getString("description"),
        strings(rs, "targets"),
        strings(rs, "call_values"),
        strings(rs, "calldatas"),
        instant(rs, "vote_start"),
        instant(rs, "vote_end"),
        instant(rs, "eta"),
        ProposalStatus.valueOf(rs.getString("state")),
        uint(rs, "for_votes"),
        uint(rs, "against_votes"),
        uint(rs, "abstain_votes"),
        uint(rs, "quorum_needed"),
        rs.getString("created_tx"),
        rs.getLong("created_block"),
        rs.getString("queued_operation_id"),
        rs.getString("queued_tx"),
        rs.getString("executed_tx"),
        rs.getString("canceled_tx"),
        instant(rs, "updated_at"));
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    try {
      return JSON.readValue(rs.getString(column), STRINGS);
    } catch (IOException e) {
      throw new SQLException("column " + column + " is not a JSON array of strings", e);
    }
  }
}
