package io.noderr.registry.release;

import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow.Kind;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        "SELECT version, image_digest, minimum_version, notes_uri, published_at, paused,"
            + " guardian_expires_at FROM local_beacon WHERE tier = ?",
        (rs, i) ->
            new LocalTier(
                tier,
                rs.getString("version"),
                rs.getString("image_digest"),
                rs.getString("minimum_version"),
                rs.getString("notes_uri"),
                instant(rs.getTimestamp("published_at")),
                rs.getBoolean("paused"),
                instant(rs.getTimestamp("guardian_expires_at"))),
        tier.name());
  }

  /** The local multisig's nonce and, once it changed them itself, its signers and guardians. */
  public LocalMultisig multisig() {
    return jdbc.queryForObject(
        "SELECT nonce, signers, threshold, guardians FROM local_multisig WHERE id = 1",
        (rs, i) ->
            new LocalMultisig(
                rs.getLong("nonce"),
                texts(rs.getArray("signers")),
                (Integer) rs.getObject("threshold"),
                texts(rs.getArray("guardians"))));
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

  /**
   * One guardian's pause with the signature's nonce (NoderrMultisig's {@code guardianPause}): each
   * tier not paused by the quorum is paused until {@code expiresAt}, a newly paused one recording
   * its {@code TIER_PAUSED} event; the nonce is spent. All in one transaction, or nothing.
   */
  @Transactional
  public Spent guardianPause(
      long nonce, Set<Tier> tiers, Instant expiresAt, long chainId, String beaconAddress) {
    long current = lockedNonce();
    if (current != nonce) {
      return new Spent.NonceMoved(current);
    }
    String transaction = "local-" + nonce;
    for (Tier tier : inOrder(tiers)) {
      LocalTier row = tier(tier);
      if (row.paused() && row.guardianExpiresAt() == null) {
        continue; // paused by the quorum: indefinitely, whatever a guardian says
      }
      jdbc.update(
          "UPDATE local_beacon SET paused = true, guardian_expires_at = ? WHERE tier = ?",
          Timestamp.from(expiresAt),
          tier.name());
      if (!row.paused()) {
        events.insert(
            pauseEvent(Kind.TIER_PAUSED, tier, transaction, nonce + 1, chainId, beaconAddress));
      }
    }
    jdbc.update("UPDATE local_multisig SET nonce = nonce + 1 WHERE id = 1");
    return new Spent.Applied(transaction, nonce + 1);
  }

  /**
   * The quorum's pause (indefinite) or unpause of tiers with the signatures' nonce
   * (NoderrMultisig's {@code setTiersPaused}): each tier's guardian expiry is cleared, a changed
   * tier records its event; the nonce is spent. All in one transaction, or nothing.
   */
  @Transactional
  public Spent setTiersPaused(
      long nonce, Set<Tier> tiers, boolean paused, long chainId, String beaconAddress) {
    long current = lockedNonce();
    if (current != nonce) {
      return new Spent.NonceMoved(current);
    }
    String transaction = "local-" + nonce;
    for (Tier tier : inOrder(tiers)) {
      boolean was = tier(tier).paused();
      jdbc.update(
          "UPDATE local_beacon SET paused = ?, guardian_expires_at = NULL WHERE tier = ?",
          paused,
          tier.name());
      if (was != paused) {
        Kind kind = paused ? Kind.TIER_PAUSED : Kind.TIER_UNPAUSED;
        events.insert(pauseEvent(kind, tier, transaction, nonce + 1, chainId, beaconAddress));
      }
    }
    jdbc.update("UPDATE local_multisig SET nonce = nonce + 1 WHERE id = 1");
    return new Spent.Applied(transaction, nonce + 1);
  }

  /**
   * Ends the guardian pauses among {@code tiers} whose expiry is at or before {@code now}
   * (NoderrMultisig's {@code expireGuardianPause}; spends no nonce), recording their {@code
   * TIER_UNPAUSED} events under transaction {@code local-expiry-<nonce>}, in block {@code nonce}
   * after the last action's events.
   *
   * @return the pseudo-transaction of its events, empty when no tier had expired (nothing changed)
   */
  @Transactional
  public Optional<Spent.Applied> expireGuardianPauses(
      Set<Tier> tiers, Instant now, long chainId, String beaconAddress) {
    long nonce = lockedNonce();
    String transaction = "local-expiry-" + nonce;
    boolean expired = false;
    for (Tier tier : inOrder(tiers)) {
      Instant expiry = tier(tier).guardianExpiresAt();
      if (expiry == null || now.isBefore(expiry)) {
        continue;
      }
      jdbc.update(
          "UPDATE local_beacon SET paused = false, guardian_expires_at = NULL WHERE tier = ?",
          tier.name());
      // Block `nonce` is the last action's; these log indexes follow its own (one per tier).
      events.insert(
          pauseEvent(
              Kind.TIER_UNPAUSED,
              tier,
              transaction,
              nonce,
              Tier.values().length + tier.ordinal(),
              chainId,
              beaconAddress));
      expired = true;
    }
    return expired ? Optional.of(new Spent.Applied(transaction, nonce)) : Optional.empty();
  }

  /**
   * The multisig's new signer set, threshold and guardians with the signatures' nonce
   * (NoderrMultisig's {@code changeSigners}); the nonce is spent. From then on they, not the
   * configured ones, are the local multisig's.
   */
  @Transactional
  public Spent changeSigners(
      long nonce, List<String> signers, int threshold, List<String> guardians) {
    long current = lockedNonce();
    if (current != nonce) {
      return new Spent.NonceMoved(current);
    }
    jdbc.update(
        "UPDATE local_multisig SET signers = ?, threshold = ?, guardians = ?, nonce = nonce + 1"
            + " WHERE id = 1",
        statement -> {
          statement.setArray(1, statement.getConnection().createArrayOf("text", signers.toArray()));
          statement.setInt(2, threshold);
          statement.setArray(
              3, statement.getConnection().createArrayOf("text", guardians.toArray()));
        });
    return new Spent.Applied("local-" + nonce, nonce + 1);
  }

  /** What a nonce-spending emergency action did. */
  public sealed interface Spent {

    /** Done; the pseudo-transaction and block its events carry. */
    record Applied(String transactionHash, long blockNumber) implements Spent {}

    /** Nothing changed: the signatures' nonce is not the multisig's next nonce. */
    record NonceMoved(long current) implements Spent {}
  }

  /** The row lock serializes the multisig's actions: the next one sees the nonce this one spent. */
  private long lockedNonce() {
    return jdbc.queryForObject(
        "SELECT nonce FROM local_multisig WHERE id = 1 FOR UPDATE", Long.class);
  }

  /** The contract loops over tier codes; events keep that order (log index = tier code). */
  private static List<Tier> inOrder(Set<Tier> tiers) {
    return Arrays.stream(Tier.values()).filter(tiers::contains).toList();
  }

  private static BeaconEventRow pauseEvent(
      Kind kind,
      Tier tier,
      String transactionHash,
      long blockNumber,
      long chainId,
      String beaconAddress) {
    return pauseEvent(
        kind, tier, transactionHash, blockNumber, tier.ordinal(), chainId, beaconAddress);
  }

  private static BeaconEventRow pauseEvent(
      Kind kind,
      Tier tier,
      String transactionHash,
      long blockNumber,
      int logIndex,
      long chainId,
      String beaconAddress) {
    return new BeaconEventRow(
        0,
        BeaconEventRow.Backend.LOCAL,
        chainId,
        beaconAddress,
        kind,
        tier,
        null,
        null,
        null,
        null,
        null,
        transactionHash,
        blockNumber,
        logIndex,
        null);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static List<String> texts(Array array) throws SQLException {
    return array == null ? null : List.of((String[]) array.getArray());
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
