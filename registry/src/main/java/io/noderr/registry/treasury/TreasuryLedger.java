package io.noderr.registry.treasury;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.uint;

import io.noderr.registry.governance.Numbers;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The treasury's double-entry ledger (docs/treasury.md): journal entries with their postings, as
 * the worker's treasury follower records them from the chain, and the balances and flows read from
 * them. An entry and its postings are written in one transaction, and PostgreSQL refuses to commit
 * one whose postings do not sum to zero. Each entry is keyed by its log: a block range read twice
 * adds nothing.
 */
@Repository
public class TreasuryLedger {

  private static final String BALANCES =
      "SELECT a.code, a.kind, a.address, COALESCE(sum(p.amount), 0) AS balance"
          + " FROM treasury_accounts a LEFT JOIN (treasury_postings p"
          + " JOIN treasury_entries e ON e.id = p.entry_id AND e.block_number <= ?)"
          + " ON p.account = a.code GROUP BY a.code, a.kind, a.address ORDER BY a.kind DESC, a.code";

  private final JdbcTemplate jdbc;

  TreasuryLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The last block the follower has read completely, if it ever read this token's transfers. */
  public OptionalLong cursor(long chainId, String tokenAddress) {
    List<Long> last =
        jdbc.queryForList(
            "SELECT last_block FROM treasury_cursor WHERE chain_id = ? AND token_address = ?",
            Long.class,
            chainId,
            tokenAddress);
    return last.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last.getFirst());
  }

  /**
   * Records the range's entries not recorded before and moves the cursor to {@code lastBlock}.
   *
   * @return how many entries were new
   */
  @Transactional
  public int recordRange(
      long chainId, String tokenAddress, List<JournalEntry> entries, long lastBlock) {
    int added = 0;
    for (JournalEntry entry : entries) {
      added += record(entry) ? 1 : 0;
    }
    jdbc.update(
        "INSERT INTO treasury_cursor (chain_id, token_address, last_block) VALUES (?, ?, ?)"
            + " ON CONFLICT (chain_id, token_address) DO UPDATE"
            + " SET last_block = EXCLUDED.last_block, updated_at = now()"
            + " WHERE treasury_cursor.last_block < EXCLUDED.last_block",
        chainId,
        tokenAddress,
        lastBlock);
    return added;
  }

  /**
   * Records one entry with its postings, atomically; its accounts are created on first use.
   *
   * @return false when an entry of the same log was recorded before (nothing changes)
   */
  @Transactional
  public boolean record(JournalEntry entry) {
    List<Long> id =
        jdbc.queryForList(
            "INSERT INTO treasury_entries (block_number, transaction_hash, log_index, at, kind,"
                + " epoch, memo) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (transaction_hash, log_index) DO NOTHING RETURNING id",
            Long.class,
            entry.block(),
            entry.transactionHash(),
            entry.logIndex(),
            Numbers.timestamp(entry.at()),
            entry.kind().name(),
            entry.epoch(),
            entry.memo());
    if (id.isEmpty()) {
      return false;
    }
    for (Posting posting : entry.postings()) {
      enter(posting.account());
      jdbc.update(
          "INSERT INTO treasury_postings (entry_id, account, amount) VALUES (?, ?, ?)",
          id.getFirst(),
          posting.account().code(),
          column(posting.amount()));
    }
    return true;
  }

  /** Makes sure the accounts exist (with a zero balance before their first posting). */
  public void track(List<TreasuryAccount> accounts) {
    accounts.forEach(this::enter);
  }

  /** Every account's balance over all recorded entries. */
  public List<AccountBalance> balances() {
    return balancesAt(Long.MAX_VALUE);
  }

  /** Every account's balance over the entries of blocks up to {@code block}, included. */
  public List<AccountBalance> balancesAt(long block) {
    return jdbc.query(
        BALANCES, (rs, i) -> new AccountBalance(account(rs), uint(rs, "balance")), block);
  }

  /** What moved per reward epoch and kind, epochs in order, movements of no epoch first. */
  public List<EpochFlow> flowsPerEpoch() {
    return jdbc.query(
        "SELECT e.epoch, e.kind, sum(p.amount) AS amount, count(DISTINCT e.id) AS entries"
            + " FROM treasury_entries e JOIN treasury_postings p ON p.entry_id = e.id"
            + " AND p.amount > 0 GROUP BY e.epoch, e.kind ORDER BY e.epoch NULLS FIRST, e.kind",
        (rs, i) ->
            new EpochFlow(
                rs.getObject("epoch", Long.class),
                EntryKind.valueOf(rs.getString("kind")),
                uint(rs, "amount"),
                rs.getInt("entries")));
  }

  /** The latest {@code limit} entries, newest first, with their postings. */
  public List<EntryRow> recentEntries(int limit) {
    Map<Long, Map<String, BigInteger>> postings = new LinkedHashMap<>();
    jdbc.query(
        "SELECT p.entry_id, p.account, p.amount FROM treasury_postings p"
            + " WHERE p.entry_id IN (SELECT id FROM treasury_entries"
            + " ORDER BY block_number DESC, log_index DESC LIMIT ?) ORDER BY p.amount DESC",
        rs -> {
          postings
              .computeIfAbsent(rs.getLong("entry_id"), id -> new LinkedHashMap<>())
              .put(rs.getString("account"), uint(rs, "amount"));
        },
        limit);
    return jdbc.query(
        "SELECT id, block_number, transaction_hash, log_index, at, kind, epoch, memo"
            + " FROM treasury_entries ORDER BY block_number DESC, log_index DESC LIMIT ?",
        (rs, i) ->
            new EntryRow(
                rs.getLong("id"),
                rs.getLong("block_number"),
                rs.getString("transaction_hash"),
                rs.getInt("log_index"),
                Numbers.instant(rs, "at"),
                EntryKind.valueOf(rs.getString("kind")),
                rs.getObject("epoch", Long.class),
                rs.getString("memo"),
                postings.getOrDefault(rs.getLong("id"), Map.of())),
        limit);
  }

  private void enter(TreasuryAccount account) {
    jdbc.update(
        "INSERT INTO treasury_accounts (code, kind, address) VALUES (?, ?, ?)"
            + " ON CONFLICT (code) DO NOTHING",
        account.code(),
        account.kind().name(),
        account.address());
  }

  private static TreasuryAccount account(ResultSet rs) throws SQLException {
    return new TreasuryAccount(
        rs.getString("code"),
        TreasuryAccount.Kind.valueOf(rs.getString("kind")),
        rs.getString("address"));
  }
}
