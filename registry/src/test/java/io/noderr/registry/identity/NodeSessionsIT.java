package io.noderr.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class NodeSessionsIT {

  private static final String LIVE = "1".repeat(64);
  private static final String OTHER = "2".repeat(64);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final NodeSessions sessions = db.bean(NodeSessions.class);

  @BeforeEach
  void aNode() {
    db.insertNode("n-1", "acme", Tier.ORACLE, "eu-west", "ACTIVE");
  }

  private Instant revokedAt(String hash) {
    return db.jdbc()
        .queryForObject(
            "SELECT revoked_at FROM node_sessions WHERE token_hash = ?", Timestamp.class, hash)
        .toInstant();
  }

  @Test
  void nodeOf_answersTheNode_ofALiveSession() {
    sessions.issue(LIVE, "n-1", Instant.now().plus(Duration.ofMinutes(15)));

    assertThat(sessions.nodeOf(LIVE)).contains("n-1");
  }

  @Test
  void nodeOf_isEmpty_forAnExpiredSession() {
    sessions.issue(LIVE, "n-1", Instant.now().minusSeconds(1));

    assertThat(sessions.nodeOf(LIVE)).isEmpty();
  }

  @Test
  void nodeOf_isEmpty_forARevokedSession_andRevokingTwiceKeepsTheFirstTime() {
    sessions.issue(LIVE, "n-1", Instant.now().plus(Duration.ofMinutes(15)));
    sessions.revoke(LIVE);
    db.jdbc()
        .update(
            "UPDATE node_sessions SET revoked_at = now() - interval '1 hour' WHERE token_hash = ?",
            LIVE);
    Instant first = revokedAt(LIVE);

    sessions.revoke(LIVE);

    assertThat(sessions.nodeOf(LIVE)).isEmpty();
    assertThat(revokedAt(LIVE)).isEqualTo(first);
  }

  @Test
  void revoke_leavesTheNodesOtherSessionsLive() {
    sessions.issue(LIVE, "n-1", Instant.now().plus(Duration.ofMinutes(15)));
    sessions.issue(OTHER, "n-1", Instant.now().plus(Duration.ofMinutes(15)));

    sessions.revoke(OTHER);

    assertThat(sessions.nodeOf(LIVE)).contains("n-1");
    assertThat(sessions.nodeOf(OTHER)).isEmpty();
  }

  @Test
  void servingNodeOf_answersALiveSession_untilItsNodeIsQuarantinedOrRetired() {
    sessions.issue(LIVE, "n-1", Instant.now().plus(Duration.ofMinutes(15)));
    assertThat(sessions.servingNodeOf(LIVE)).contains("n-1");

    for (String outOfService : new String[] {"QUARANTINED", "RETIRED"}) {
      db.jdbc().update("UPDATE nodes SET status = ? WHERE id = 'n-1'", outOfService);

      assertThat(sessions.servingNodeOf(LIVE)).isEmpty();
      assertThat(sessions.nodeOf(LIVE)).contains("n-1");
    }
  }

  @Test
  void endedWithin_namesSessionsRevokedOrExpiredInTheWindow_andThoseOfNodesOutOfService() {
    db.insertNode("n-2", "acme", Tier.ORACLE, "eu-west", "QUARANTINED");
    String expired = "3".repeat(64);
    String revoked = "4".repeat(64);
    String quarantined = "5".repeat(64);
    String expiredLongAgo = "6".repeat(64);
    Instant later = Instant.now().plus(Duration.ofMinutes(15));
    sessions.issue(LIVE, "n-1", later);
    sessions.issue(expired, "n-1", Instant.now().minusSeconds(1));
    sessions.issue(expiredLongAgo, "n-1", Instant.now().minus(Duration.ofHours(2)));
    sessions.issue(revoked, "n-1", later);
    sessions.revoke(revoked);
    sessions.issue(quarantined, "n-2", later);

    assertThat(sessions.endedWithin(Duration.ofMinutes(1)))
        .containsExactlyInAnyOrder(expired, revoked, quarantined);
    // An expiry or revocation older than the window was cut by an earlier sweep.
    db.jdbc().update("UPDATE node_sessions SET revoked_at = now() - interval '1 hour'");
    assertThat(sessions.endedWithin(Duration.ofSeconds(30)))
        .containsExactlyInAnyOrder(expired, quarantined);
  }

  @Test
  void nodeOf_isEmpty_forAnUnknownToken() {
    assertThat(sessions.nodeOf(LIVE)).isEmpty();
  }

  @Test
  void issue_dropsSessionsExpiredMoreThanADayAgo_butKeepsRecentlyExpiredOnes() {
    sessions.issue("3".repeat(64), "n-1", Instant.now().minus(Duration.ofDays(2)));
    sessions.issue("4".repeat(64), "n-1", Instant.now().minus(Duration.ofHours(1)));

    sessions.issue(LIVE, "n-1", Instant.now().plus(Duration.ofMinutes(15)));

    assertThat(
            db.jdbc()
                .queryForList(
                    "SELECT token_hash FROM node_sessions ORDER BY token_hash", String.class))
        .containsExactly(LIVE, "4".repeat(64));
  }

  @Test
  void issue_refusesAMalformedHash_andAnUnknownNode() {
    Instant later = Instant.now().plus(Duration.ofMinutes(15));

    assertThatThrownBy(() -> sessions.issue("not-a-hash", "n-1", later))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> sessions.issue("A".repeat(64), "n-1", later))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> sessions.issue(LIVE, "n-nope", later))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
