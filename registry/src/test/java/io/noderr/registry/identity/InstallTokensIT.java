package io.noderr.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class InstallTokensIT {

  private static final String FIRST = "1".repeat(64);
  private static final String SECOND = "2".repeat(64);
  private static final String OTHER = "3".repeat(64);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final InstallTokens tokens = db.bean(InstallTokens.class);
  private final Applications applications = db.bean(Applications.class);

  private final Instant inADay =
      Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void twoApplications() {
    for (String id : new String[] {"app-1", "app-2"}) {
      applications.insert(
          new ApplicationRow(
              id,
              "Acme",
              "ops@acme.example",
              "ORACLE",
              "eu-west",
              "0xabc",
              "IN_REVIEW",
              null,
              null,
              null,
              "onboarding-" + id,
              null,
              null));
    }
  }

  private InstallToken find(String hash) {
    return tokens.find(hash).orElseThrow();
  }

  private long liveTokensOf(String applicationId) {
    return db.jdbc()
        .queryForObject(
            "SELECT count(*) FROM install_tokens WHERE application_id = ? AND used_at IS NULL"
                + " AND revoked_at IS NULL",
            Long.class,
            applicationId);
  }

  @Test
  void issue_storesALiveToken_thatFindReadsBack() {
    assertThat(tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay)).isTrue();

    InstallToken token = find(FIRST);
    assertThat(token).isEqualTo(new InstallToken("app-1", "ORACLE", inADay, null, null));
    assertThat(token.refusal(Instant.now())).isNull();
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT issued_by FROM install_tokens WHERE token_hash = ?",
                    String.class,
                    FIRST))
        .isEqualTo("alice");
  }

  @Test
  void issue_sameTokenAgain_isARetry_andChangesNothing() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);

    assertThat(tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay.plusSeconds(60))).isFalse();

    assertThat(find(FIRST)).isEqualTo(new InstallToken("app-1", "ORACLE", inADay, null, null));
    assertThat(liveTokensOf("app-1")).isEqualTo(1);
  }

  @Test
  void issue_revokesTheApplicationsPreviousLiveToken_andLeavesOtherApplicationsAlone() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);
    tokens.issue(OTHER, "app-2", "ORACLE", "alice", inADay);

    assertThat(tokens.issue(SECOND, "app-1", "ORACLE", "alice", inADay.plusSeconds(3600))).isTrue();

    assertThat(find(FIRST).revokedAt()).isNotNull();
    assertThat(find(FIRST).refusal(Instant.now()))
        .isEqualTo("install token was replaced or withdrawn");
    assertThat(find(SECOND).revokedAt()).isNull();
    assertThat(find(SECOND).refusal(Instant.now())).isNull();
    assertThat(find(OTHER).refusal(Instant.now())).isNull();
    assertThat(liveTokensOf("app-1")).isEqualTo(1);
  }

  @Test
  void consume_marksTheTokenUsed_onlyOnce() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);

    assertThat(tokens.consume(FIRST, "app-2")).as("another application's token").isFalse();
    assertThat(tokens.consume(FIRST, "app-1")).isTrue();
    assertThat(tokens.consume(FIRST, "app-1")).isFalse();

    InstallToken used = find(FIRST);
    assertThat(used.usedAt()).isNotNull();
    assertThat(used.refusal(Instant.now())).isEqualTo("install token already used");
    assertThat(liveTokensOf("app-1")).isZero();
  }

  @Test
  void consume_refusesRevokedAndUnknownTokens() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);
    tokens.issue(SECOND, "app-1", "ORACLE", "alice", inADay);

    assertThat(tokens.consume(FIRST, "app-1")).isFalse();
    assertThat(tokens.consume(OTHER, "app-1")).isFalse();
    assertThat(find(FIRST).usedAt()).isNull();
    assertThat(tokens.consume(SECOND, "app-1")).isTrue();
  }

  @Test
  void consume_refusesAnExpiredToken() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", Instant.now().minusSeconds(1));

    assertThat(tokens.consume(FIRST, "app-1")).isFalse();
  }

  @Test
  void revokeLive_revokesTheLiveToken_butNotAUsedOne() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);
    tokens.consume(FIRST, "app-1");
    tokens.issue(OTHER, "app-2", "ORACLE", "alice", inADay);

    tokens.revokeLive("app-1");
    tokens.revokeLive("app-2");

    assertThat(find(FIRST).revokedAt()).isNull();
    assertThat(find(FIRST).refusal(Instant.now())).isEqualTo("install token already used");
    assertThat(find(OTHER).revokedAt()).isNotNull();
    assertThat(tokens.consume(OTHER, "app-2")).isFalse();
  }

  @Test
  void revokeLive_isIdempotent_andKeepsTheFirstRevocationTime() {
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", inADay);
    tokens.revokeLive("app-1");
    Instant revoked = find(FIRST).revokedAt();

    tokens.revokeLive("app-1");

    assertThat(find(FIRST).revokedAt()).isEqualTo(revoked);
  }

  @Test
  void refusal_saysExpired_fromTheExpiryInstantOn() {
    Instant expiry = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    tokens.issue(FIRST, "app-1", "ORACLE", "alice", expiry);
    InstallToken token = find(FIRST);

    assertThat(token.expiresAt()).isEqualTo(expiry);
    assertThat(token.refusal(expiry.minusMillis(1))).isNull();
    assertThat(token.refusal(expiry)).isEqualTo("install token expired");
    assertThat(token.refusal(Instant.now())).isEqualTo("install token expired");
  }

  @Test
  void refusal_namesUseBeforeRevocationBeforeExpiry() {
    Instant past = Instant.now().minusSeconds(60);

    assertThat(new InstallToken("a", "ORACLE", past, past, past).refusal(Instant.now()))
        .isEqualTo("install token already used");
    assertThat(
            new InstallToken("a", "ORACLE", past, null, past.minusSeconds(1))
                .refusal(Instant.now()))
        .isEqualTo("install token was replaced or withdrawn");
  }

  @Test
  void refusal_ofATokenRevokedByItsApplicationsExpiry_saysExpired() {
    Instant past = Instant.now().minusSeconds(60);

    assertThat(new InstallToken("a", "ORACLE", past, null, past.plusSeconds(1)).refusal(past))
        .isEqualTo("install token expired");
  }

  @Test
  void find_isEmpty_forAnUnknownHash() {
    assertThat(tokens.find(FIRST)).isEmpty();
  }

  @Test
  void issue_refusesAMalformedHash_andAnUnknownApplication() {
    assertThatThrownBy(() -> tokens.issue("ABC", "app-1", "ORACLE", "alice", inADay))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                tokens.issue(
                    FIRST.toUpperCase().replace('1', 'A'), "app-1", "ORACLE", "alice", inADay))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> tokens.issue(FIRST, "app-nope", "ORACLE", "alice", inADay))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(tokens.find(FIRST)).isEmpty();
  }
}
