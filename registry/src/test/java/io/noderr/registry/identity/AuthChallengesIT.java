package io.noderr.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthChallengesIT {

  private static final String NONCE = "ab".repeat(16);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final AuthChallenges challenges = db.bean(AuthChallenges.class);

  private long stored() {
    return db.jdbc().queryForObject("SELECT count(*) FROM auth_challenges", Long.class);
  }

  @Test
  void consume_acceptsAKnownNonceOnce_andAReplayIsRefused() {
    challenges.issue(NONCE, Instant.now().plusSeconds(60));

    assertThat(challenges.consume(NONCE, Instant.now())).isTrue();
    assertThat(challenges.consume(NONCE, Instant.now())).isFalse();
    assertThat(stored()).isZero();
  }

  @Test
  void consume_refusesAnExpiredNonce_andDeletesIt() {
    Instant expiry = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    challenges.issue(NONCE, expiry);

    assertThat(challenges.consume(NONCE, expiry)).isFalse();
    assertThat(challenges.consume(NONCE, expiry.minusSeconds(30))).isFalse();
    assertThat(stored()).isZero();
  }

  @Test
  void consume_acceptsANonceOneMillisecondBeforeItExpires() {
    Instant expiry = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    challenges.issue(NONCE, expiry);

    assertThat(challenges.consume(NONCE, expiry.minusMillis(1))).isTrue();
  }

  @Test
  void consume_refusesAnUnknownNonce() {
    challenges.issue(NONCE, Instant.now().plusSeconds(60));

    assertThat(challenges.consume("cd".repeat(16), Instant.now())).isFalse();
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void issue_dropsExpiredNonces_andKeepsLiveOnes() {
    challenges.issue("01".repeat(16), Instant.now().minusSeconds(1));
    challenges.issue("02".repeat(16), Instant.now().plusSeconds(60));

    challenges.issue(NONCE, Instant.now().plusSeconds(60));

    assertThat(
            db.jdbc()
                .queryForList("SELECT nonce FROM auth_challenges ORDER BY nonce", String.class))
        .containsExactly("02".repeat(16), NONCE);
  }
}
