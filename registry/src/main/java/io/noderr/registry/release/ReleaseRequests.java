package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read model of release requests, written only by the release activities. */
@Repository
public class ReleaseRequests {

  private static final String COLUMNS =
      "id, tier, version, image_digest, status, proposed_by, deadline, threshold, signed_by,"
          + " declined_by, transaction_hash, reason, last_step, created_at, updated_at";

  private static final String STORED_COLUMNS =
      COLUMNS + ", minimum_version, notes_uri, downgrade_reason, nonce";

  private final JdbcTemplate jdbc;

  ReleaseRequests(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes the row as of workflow step {@code step}: inserts it, or updates it when {@code step} is
   * newer than the stored one. Tier, version, digest and proposer are kept from the first write.
   *
   * @return false when the row already reflects this step or a later one (a retried write)
   */
  public boolean apply(ReleaseRow row, int step) {
    return jdbc.update(
            "INSERT INTO release_requests (id, tier, version, image_digest, status, proposed_by,"
                + " deadline, threshold, signed_by, declined_by, transaction_hash, reason,"
                + " last_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,"
                + " deadline = EXCLUDED.deadline, threshold = EXCLUDED.threshold,"
                + " signed_by = EXCLUDED.signed_by, declined_by = EXCLUDED.declined_by,"
                + " transaction_hash = EXCLUDED.transaction_hash, reason = EXCLUDED.reason,"
                + " last_step = EXCLUDED.last_step, updated_at = now()"
                + " WHERE release_requests.last_step < EXCLUDED.last_step",
            ps -> {
              ps.setString(1, row.id());
              ps.setString(2, row.tier().name());
              ps.setString(3, row.version());
              ps.setString(4, row.imageDigest());
              ps.setString(5, row.status());
              ps.setString(6, row.proposedBy());
              ps.setTimestamp(7, Timestamp.from(row.deadline()));
              ps.setInt(8, row.threshold());
              ps.setArray(9, ps.getConnection().createArrayOf("text", row.signedBy().toArray()));
              ps.setArray(10, ps.getConnection().createArrayOf("text", row.declinedBy().toArray()));
              ps.setString(11, row.transactionHash());
              ps.setString(12, row.reason());
              ps.setInt(13, step);
            })
        == 1;
  }

  /**
   * Keeps the terms the request could be started again on, as of the step just applied: the stored
   * signatures are replaced by {@code terms.signatures()}.
   */
  public void keepTerms(String id, ReleaseTerms terms) {
    jdbc.update(
        "UPDATE release_requests SET minimum_version = ?, notes_uri = ?, downgrade_reason = ?,"
            + " nonce = ? WHERE id = ?",
        terms.minimumVersion(),
        terms.notesUri(),
        terms.downgradeReason(),
        terms.nonce(),
        id);
    jdbc.update("DELETE FROM release_signatures WHERE release_id = ?", id);
    jdbc.batchUpdate(
        "INSERT INTO release_signatures (release_id, signer, signature, submitted_by, signed_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        terms.signatures(),
        terms.signatures().size(),
        (ps, signature) -> {
          ps.setString(1, id);
          ps.setString(2, signature.signer());
          ps.setString(3, signature.signature());
          ps.setString(4, signature.submittedBy());
          ps.setTimestamp(5, Timestamp.from(signature.signedAt()));
        });
  }

  /**
   * Requests not yet decided or published (PREPARING, AWAITING_SIGNATURES, PUBLISHING), oldest
   * first, each with its terms and accepted signatures.
   */
  public List<StoredRelease> unfinished() {
    return jdbc.query(
        "SELECT "
            + STORED_COLUMNS
            + " FROM release_requests"
            + " WHERE status IN ('PREPARING', 'AWAITING_SIGNATURES', 'PUBLISHING')"
            + " ORDER BY created_at",
        this::stored);
  }

  /** The request with its terms and accepted signatures. */
  public Optional<StoredRelease> findStored(String id) {
    return jdbc
        .query("SELECT " + STORED_COLUMNS + " FROM release_requests WHERE id = ?", this::stored, id)
        .stream()
        .findFirst();
  }

  private StoredRelease stored(ResultSet rs, int rowNum) throws SQLException {
    return new StoredRelease(
        row(rs, rowNum),
        new ReleaseTerms(
            rs.getString("minimum_version"),
            rs.getString("notes_uri"),
            rs.getString("downgrade_reason"),
            rs.getString("nonce"),
            signatures(rs.getString("id"))));
  }

  private List<ReleaseTerms.Signature> signatures(String id) {
    return jdbc.query(
        "SELECT signer, signature, submitted_by, signed_at FROM release_signatures"
            + " WHERE release_id = ? ORDER BY signed_at, signer",
        (rs, rowNum) ->
            new ReleaseTerms.Signature(
                rs.getString("signer"),
                rs.getString("signature"),
                rs.getString("submitted_by"),
                rs.getTimestamp("signed_at").toInstant()),
        id);
  }

  public Optional<ReleaseRow> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM release_requests WHERE id = ?", ReleaseRequests::row, id)
        .stream()
        .findFirst();
  }

  /**
   * Newest first.
   *
   * @param status only requests in this status; null for all
   * @param page zero-based
   */
  public ReleasePage list(String status, int page, int size) {
    if (page < 0 || size <= 0) {
      throw new IllegalArgumentException("page must be >= 0 and size > 0");
    }
    List<Object> args = new ArrayList<>();
    String where = "";
    if (status != null) {
      where = " WHERE status = ?";
      args.add(status);
    }
    Long total =
        jdbc.queryForObject(
            "SELECT count(*) FROM release_requests" + where, Long.class, args.toArray());
    args.add(size);
    args.add((long) page * size);
    List<ReleaseRow> rows =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM release_requests"
                + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
            ReleaseRequests::row,
            args.toArray());
    return new ReleasePage(rows, total == null ? 0 : total);
  }

  /** Requests collecting signatures or publishing, oldest first (normally at most one). */
  public List<ReleaseRow> openRequests() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM release_requests WHERE status IN ('AWAITING_SIGNATURES', 'PUBLISHING')"
            + " ORDER BY created_at",
        ReleaseRequests::row);
  }

  private static ReleaseRow row(ResultSet rs, int rowNum) throws SQLException {
    return new ReleaseRow(
        rs.getString("id"),
        Tier.valueOf(rs.getString("tier")),
        rs.getString("version"),
        rs.getString("image_digest"),
        rs.getString("status"),
        rs.getString("proposed_by"),
        rs.getTimestamp("deadline").toInstant(),
        rs.getInt("threshold"),
        strings(rs.getArray("signed_by")),
        strings(rs.getArray("declined_by")),
        rs.getString("transaction_hash"),
        rs.getString("reason"),
        rs.getInt("last_step"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }
}
