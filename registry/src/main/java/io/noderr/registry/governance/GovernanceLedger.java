package io.noderr.registry.governance;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.registry.governance.GovernanceEvent.Key;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The governance follower's writes: each block range's events applied to the read models with the
 * cursor moved past the range, in one transaction. Every event is first entered in {@code
 * governance_events} by its log key; one entered before (the range read again after a crash) is
 * skipped, so amounts that add up (slashes, unbonding requests, vote tallies) count once.
 */
@Repository
public class GovernanceLedger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  GovernanceLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The last block the follower has read completely, if it ever read this deployment. */
  public OptionalLong cursor(long chainId, String governorAddress) {
    List<Long> last =
        jdbc.queryForList(
            "SELECT last_block FROM governance_cursor WHERE chain_id = ? AND governor_address = ?",
            Long.class,
            chainId,
            governorAddress);
    return last.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last.getFirst());
  }

  /**
   * Applies the range's new events in order and moves the cursor to {@code lastBlock}.
   *
   * @return the events applied now (not those applied by an earlier read of the range)
   */
  @Transactional
  public List<GovernanceEvent> recordRange(
      long chainId, String governorAddress, List<GovernanceEvent> events, long lastBlock) {
    List<GovernanceEvent> applied = new ArrayList<>();
    for (GovernanceEvent event : events) {
      if (enter(event)) {
        apply(event);
        applied.add(event);
      }
    }
    jdbc.update(
        "INSERT INTO governance_cursor (chain_id, governor_address, last_block) VALUES (?, ?, ?)"
            + " ON CONFLICT (chain_id, governor_address) DO UPDATE"
            + " SET last_block = EXCLUDED.last_block, updated_at = now()"
            + " WHERE governance_cursor.last_block < EXCLUDED.last_block",
        chainId,
        governorAddress,
        lastBlock);
    return applied;
  }

  /** Records the governor's signature nonce of an account as read from the chain. */
  public void recordNonce(String address, BigInteger nonce) {
    jdbc.update(
        "INSERT INTO governance_nonces (address, nonce) VALUES (?, ?) ON CONFLICT (address)"
            + " DO UPDATE SET nonce = GREATEST(governance_nonces.nonce, EXCLUDED.nonce),"
            + " updated_at = now()",
        address,
        column(nonce));
  }

  /** The proposals whose queued timelock operation this is (the guardian cancels operations). */
  public List<String> proposalsOfOperation(String operationId) {
    return jdbc.queryForList(
        "SELECT proposal_id FROM governance_proposals WHERE queued_operation_id = ?",
        String.class,
        operationId);
  }

  private boolean enter(GovernanceEvent event) {
    Key key = event.key();
    return jdbc.update(
            "INSERT INTO governance_events (chain_id, transaction_hash, log_index, kind,"
                + " block_number) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            key.chainId(),
            key.transactionHash(),
            key.logIndex(),
            event.getClass().getSimpleName(),
            key.blockNumber())
        == 1;
  }

  private void apply(GovernanceEvent event) {
    long block = event.key().blockNumber();
    switch (event) {
      case GovernanceEvent.Staked e ->
          upsertStake(e.address(), block, "active = ?", column(e.stake()));
      case GovernanceEvent.UnbondingRequested e ->
          upsertStake(
              e.address(),
              block,
              "active = ?, unbonding = governance_stakes.unbonding + ?, unbonding_ready_at = ?",
              column(e.stake()),
              column(e.amount()),
              timestamp(e.readyAt()));
      case GovernanceEvent.Withdrawn e ->
          upsertStake(e.address(), block, "unbonding = 0, unbonding_ready_at = NULL");
      case GovernanceEvent.Slashed e ->
          upsertStake(
              e.address(),
              block,
              "unbonding = governance_stakes.unbonding"
                  + " - GREATEST(0, ? - governance_stakes.active),"
                  + " active = GREATEST(0, governance_stakes.active - ?),"
                  + " slashed_total = governance_stakes.slashed_total + ?",
              column(e.amount()),
              column(e.amount()),
              column(e.amount()));
      case GovernanceEvent.VotesChanged e ->
          upsertStake(e.address(), block, "voting_power = ?", column(e.votes()));
      case GovernanceEvent.ProposalCreated e -> insertProposal(e);
      case GovernanceEvent.ProposalTiered e ->
          jdbc.update(
              "UPDATE governance_proposals SET tier = ?, updated_at = now() WHERE proposal_id = ?",
              e.tier(),
              e.proposalId());
      case GovernanceEvent.VoteCast e -> recordVote(e);
      case GovernanceEvent.ProposalQueued e -> {
        jdbc.update(
            "UPDATE governance_proposals SET eta = ?, queued_operation_id = ?, queued_tx = ?,"
                + " updated_at = now() WHERE proposal_id = ?",
            timestamp(e.eta()),
            e.operationId(),
            e.key().transactionHash(),
            e.proposalId());
        advance(e.proposalId(), ProposalStatus.QUEUED);
      }
      case GovernanceEvent.ProposalExecuted e -> {
        jdbc.update(
            "UPDATE governance_proposals SET executed_tx = ?, updated_at = now()"
                + " WHERE proposal_id = ?",
            e.key().transactionHash(),
            e.proposalId());
        advance(e.proposalId(), ProposalStatus.EXECUTED);
      }
      case GovernanceEvent.ProposalCanceled e -> canceled(e.proposalId(), e.key());
      case GovernanceEvent.OperationCancelled e ->
          proposalsOfOperation(e.operationId()).forEach(id -> canceled(id, e.key()));
      case GovernanceEvent.ParameterDefined e ->
          jdbc.update(
              "INSERT INTO governance_parameters (name, min_value, max_value, value,"
                  + " updated_block, updated_tx) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO"
                  + " UPDATE SET min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,"
                  + " value = EXCLUDED.value, updated_block = EXCLUDED.updated_block,"
                  + " updated_tx = EXCLUDED.updated_tx, updated_at = now()",
              e.name(),
              column(e.min()),
              column(e.max()),
              column(e.value()),
              block,
              e.key().transactionHash());
      case GovernanceEvent.ParameterChanged e ->
          jdbc.update(
              "UPDATE governance_parameters SET value = ?, updated_block = ?, updated_tx = ?,"
                  + " updated_at = now() WHERE name = ?",
              column(e.newValue()),
              block,
              e.key().transactionHash(),
              e.name());
    }
  }

  /** Creates the address's row if new, then applies {@code set} (its ? first, then the address). */
  private void upsertStake(String address, long block, String set, Object... values) {
    jdbc.update(
        "INSERT INTO governance_stakes (address, updated_block) VALUES (?, ?)"
            + " ON CONFLICT (address) DO NOTHING",
        address,
        block);
    Object[] args = new Object[values.length + 2];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = block;
    args[values.length + 1] = address;
    jdbc.update(
        "UPDATE governance_stakes SET "
            + set
            + ", updated_block = ?, updated_at = now() WHERE address = ?",
        args);
  }

  private void insertProposal(GovernanceEvent.ProposalCreated e) {
    jdbc.update(
        "INSERT INTO governance_proposals (proposal_id, chain_id, governor_address, proposer,"
            + " description, targets, call_values, calldatas, vote_start, vote_end, state,"
            + " state_rank, created_tx, created_block) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb,"
            + " ?::jsonb, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT (proposal_id) DO NOTHING",
        e.proposalId(),
        e.key().chainId(),
        e.governor(),
        e.proposer(),
        e.description(),
        json(e.targets()),
        json(e.values()),
        json(e.calldatas()),
        timestamp(e.voteStart()),
        timestamp(e.voteEnd()),
        e.key().transactionHash(),
        e.key().blockNumber());
  }

  private void recordVote(GovernanceEvent.VoteCast e) {
    int inserted =
        jdbc.update(
            "INSERT INTO governance_votes (proposal_id, voter, support, weight, reason,"
                + " transaction_hash, block_number) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (proposal_id, voter) DO NOTHING",
            e.proposalId(),
            e.voter(),
            e.support(),
            column(e.weight()),
            e.reason(),
            e.key().transactionHash(),
            e.key().blockNumber());
    if (inserted == 1) {
      String tally =
          switch (e.support()) {
            case "FOR" -> "for_votes";
            case "AGAINST" -> "against_votes";
            default -> "abstain_votes";
          };
      // The tally is also written from the governor's own counts (the proposal workflow reads them
      // right after relaying a ballot, before this event is confirmed): both writers set a total
      // and keep the larger, so a vote is never counted twice, whichever comes first.
      jdbc.update(
          "UPDATE governance_proposals SET "
              + tally
              + " = GREATEST("
              + tally
              + ", (SELECT COALESCE(SUM(weight), 0) FROM governance_votes"
              + " WHERE proposal_id = ? AND support = ?)), updated_at = now()"
              + " WHERE proposal_id = ?",
          e.proposalId(),
          e.support(),
          e.proposalId());
    }
  }

  private void canceled(String proposalId, Key key) {
    jdbc.update(
        "UPDATE governance_proposals SET canceled_tx = ?, updated_at = now()"
            + " WHERE proposal_id = ?",
        key.transactionHash(),
        proposalId);
    advance(proposalId, ProposalStatus.CANCELED);
  }

  private void advance(String proposalId, ProposalStatus state) {
    GovernanceProposals.advance(jdbc, proposalId, state);
  }

  private static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
