package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version beacons' events and how far the follower has read each beacon. Events are keyed by
 * chain, beacon, transaction and log index, so reading a block twice records its events once.
 */
@Repository
public class BeaconEvents {

  private static final String COLUMNS =
      "id, backend, chain_id, beacon_address, kind, tier, version, image_digest, minimum_version,"
          + " notes_uri, published_at, transaction_hash, block_number, log_index, observed_at";

  private static final String PUBLISHED_IN_TIER =
      " FROM beacon_events WHERE kind = 'VERSION_PUBLISHED' AND tier = ?";

  private final JdbcTemplate jdbc;

  BeaconEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the event; false when it was recorded before. */
  public boolean insert(BeaconEventRow event) {
    return jdbc.update(
            "INSERT INTO beacon_events (backend, chain_id, beacon_address, kind, tier, version,"
                + " image_digest, minimum_version, notes_uri, published_at, transaction_hash,"
                + " block_number, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (chain_id, beacon_address, transaction_hash, log_index) DO NOTHING",
            event.backend().name(),
            event.chainId(),
            event.beaconAddress(),
            event.kind().name(),
            event.tier().name(),
            event.version(),
            event.imageDigest(),
            event.minimumVersion(),
            event.notesUri(),
            event.publishedAt() == null ? null : Timestamp.from(event.publishedAt()),
            event.transactionHash(),
            event.blockNumber(),
            event.logIndex())
        == 1;
  }

  /**
   * Records the events of a block range and moves the beacon's cursor to its last block, in one
   * transaction: a crash in between re-reads the range, and the unique key keeps it recorded once.
   */
  @Transactional
  public void recordRange(
      long chainId, String beaconAddress, List<BeaconEventRow> events, long lastBlock) {
    events.forEach(this::insert);
    advanceCursor(chainId, beaconAddress, lastBlock);
  }

  /** The beacon's latest publication in the tier: its current release. */
  public Optional<BeaconEventRow> currentRelease(long chainId, String beaconAddress, Tier tier) {
    return first(
        "SELECT "
            + COLUMNS
            + PUBLISHED_IN_TIER
            + " AND chain_id = ? AND beacon_address = ?"
            + " ORDER BY block_number DESC, log_index DESC LIMIT 1",
        tier.name(),
        chainId,
        beaconAddress);
  }

  /** The tier's publication made by this transaction, once it is recorded. */
  public Optional<BeaconEventRow> findPublication(
      long chainId, String beaconAddress, Tier tier, String transactionHash) {
    return first(
        "SELECT "
            + COLUMNS
            + PUBLISHED_IN_TIER
            + " AND chain_id = ? AND beacon_address = ? AND transaction_hash = ?"
            + " ORDER BY log_index LIMIT 1",
        tier.name(),
        chainId,
        beaconAddress,
        transactionHash);
  }

  /**
   * The tier's latest publication on any beacon, by when it was recorded (block numbers of
   * different chains do not compare); within one recorded range, by block and log index.
   */
  public Optional<BeaconEventRow> latestPublished(Tier tier) {
    return first(
        "SELECT "
            + COLUMNS
            + PUBLISHED_IN_TIER
            + " ORDER BY observed_at DESC, block_number DESC, log_index DESC, id DESC LIMIT 1",
        tier.name());
  }

  /**
   * The tier's latest publication of {@code version} on any beacon, current or earlier: what an
   * emergency rollback to a release the signers once published for the tier may go back to.
   */
  public Optional<BeaconEventRow> latestPublicationOf(Tier tier, String version) {
    return first(
        "SELECT "
            + COLUMNS
            + PUBLISHED_IN_TIER
            + " AND version = ?"
            + " ORDER BY observed_at DESC, block_number DESC, log_index DESC, id DESC LIMIT 1",
        tier.name(),
        version);
  }

  /** Publications recorded after event {@code afterId}, oldest first (the auto-deployer's feed). */
  public List<BeaconEventRow> publishedAfter(long afterId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM beacon_events WHERE kind = 'VERSION_PUBLISHED' AND id > ? ORDER BY id LIMIT ?",
        BeaconEvents::row,
        afterId,
        limit);
  }

  /** The newest recorded event's id; 0 when nothing was ever recorded. */
  public long lastEventId() {
    Long id = jdbc.queryForObject("SELECT max(id) FROM beacon_events", Long.class);
    return id == null ? 0 : id;
  }

  /** The latest recorded events of every beacon, newest first. */
  public List<BeaconEventRow> recent(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM beacon_events"
            + " ORDER BY observed_at DESC, block_number DESC, log_index DESC, id DESC LIMIT ?",
        BeaconEvents::row,
        limit);
  }

  /** The last block the follower has read completely, if it ever read this beacon. */
  public OptionalLong cursor(long chainId, String beaconAddress) {
    List<Long> last =
        jdbc.queryForList(
            "SELECT last_block FROM beacon_cursor WHERE chain_id = ? AND beacon_address = ?",
            Long.class,
            chainId,
            beaconAddress);
    return last.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last.getFirst());
  }

  /** Moves the cursor forward to {@code lastBlock}; never backwards. */
  public void advanceCursor(long chainId, String beaconAddress, long lastBlock) {
    jdbc.update(
        "INSERT INTO beacon_cursor (chain_id, beacon_address, last_block) VALUES (?, ?, ?)"
            + " ON CONFLICT (chain_id, beacon_address) DO UPDATE"
            + " SET last_block = EXCLUDED.last_block, updated_at = now()"
            + " WHERE beacon_cursor.last_block < EXCLUDED.last_block",
        chainId,
        beaconAddress,
        lastBlock);
  }

  private Optional<BeaconEventRow> first(String sql, Object... args) {
    return jdbc.query(sql, BeaconEvents::row, args).stream().findFirst();
  }

  private static BeaconEventRow row(ResultSet rs, int rowNum) throws SQLException {
    Timestamp publishedAt = rs.getTimestamp("published_at");
    return new BeaconEventRow(
        rs.getLong("id"),
        BeaconEventRow.Backend.valueOf(rs.getString("backend")),
        rs.getLong("chain_id"),
        rs.getString("beacon_address"),
        BeaconEventRow.Kind.valueOf(rs.getString("kind")),
        Tier.valueOf(rs.getString("tier")),
        rs.getString("version"),
        rs.getString("image_digest"),
        rs.getString("minimum_version"),
        rs.getString("notes_uri"),
        publishedAt == null ? null : publishedAt.toInstant(),
        rs.getString("transaction_hash"),
        rs.getLong("block_number"),
        rs.getInt("log_index"),
        rs.getTimestamp("observed_at").toInstant());
  }
}
