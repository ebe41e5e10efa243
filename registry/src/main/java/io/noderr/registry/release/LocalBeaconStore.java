package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The beacon used when no chain is configured: its tiers ({@code local_beacon}) and its multisig's
 * nonce ({@code local_multisig}). Signatures are checked by the caller; this class keeps the
 * contract's state rules: a publication spends exactly the nonce it was signed for, a paused tier
 * takes no release, and concurrent publications serialize on the multisig row.
 */
@Repository
public class LocalBeaconStore {

  private final JdbcTemplate jdbc;
  private final BeaconEvents events;

  LocalBeaconStore(JdbcTemplate jdbc, BeaconEvents events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public LocalTier tier(Tier tier) {
    return jdbc.queryForObject(
        "SELECT version, image_digest, minimum_version, notes_uri, published_at, paused"
            + " FROM local_beacon WHERE tier = ?",
        (rs, i) -> {
          Timestamp publishedAt = rs.getTimestamp("published_at");
          return new LocalTier(
              tier,
              rs.getString("version"),
              rs.getString("image_digest"),
              rs.getString("minimum_version"),
              rs.getString("notes_uri"),
              publishedAt == null ? null : publishedAt.toInstant(),
              rs.getBoolean("paused"));
        },
        tier.name());
  }

  /** The local multisig's next nonce. */
  public long nonce() {
    return jdbc.queryForObject("SELECT nonce FROM local_multisig WHERE id = 1", Long.class);
  }

  /**
   * Publishes the release with the signatures' nonce: updates the tier, spends the nonce and
   * records the {@code VERSION_PUBLISHED} event (transaction {@code local-<nonce>}, block nonce +
   * 1), all in one transaction, or changes nothing.
   *
   * @param nonce the nonce the signatures were made over
   * @param chainId the local beacon's chain id, for its events
   * @param beaconAddress the local beacon's pseudo-address, for its events
   */
  @Transactional
  public Outcome publish(
      long nonce, LocalPublication publication, long chainId, String beaconAddress) {
    // The row lock makes a concurrent publication wait here and then see the spent nonce.
    long current =
        jdbc.queryForObject("SELECT nonce FROM local_multisig WHERE id = 1 FOR UPDATE", Long.class);
    if (current != nonce) {
      return new Outcome.NonceMoved(current);
    }
    if (tier(publication.tier()).paused()) {
      return new Outcome.TierPaused();
    }
    Instant publishedAt =
        jdbc.queryForObject(
                "UPDATE local_beacon SET version = ?, image_digest = ?, minimum_version = ?,"
                    + " notes_uri = ?, published_at = date_trunc('second', now()) WHERE tier = ?"
                    + " RETURNING published_at",
                Timestamp.class,
                publication.version(),
                publication.imageDigest(),
                publication.minimumVersion(),
                publication.notesUri(),
                publication.tier().name())
            .toInstant();
    jdbc.update("UPDATE local_multisig SET nonce = nonce + 1 WHERE id = 1");
    BeaconEventRow event =
        new BeaconEventRow(
            0,
            BeaconEventRow.Backend.LOCAL,
            chainId,
            beaconAddress,
            BeaconEventRow.Kind.VERSION_PUBLISHED,
            publication.tier(),
            publication.version(),
            publication.imageDigest(),
            publication.minimumVersion(),
            publication.notesUri(),
            publishedAt,
            "local-" + nonce,
            nonce + 1,
            0,
            null);
    events.insert(event);
    return new Outcome.Published(event);
  }

  /** What {@link #publish} did. */
  public sealed interface Outcome {

    /** Published; the event as recorded. */
    record Published(BeaconEventRow event) implements Outcome {}

    /** Nothing changed: the signatures' nonce is not the multisig's next nonce. */
    record NonceMoved(long current) implements Outcome {}

    /** Nothing changed: the tier is paused. */
    record TierPaused() implements Outcome {}
  }
}
