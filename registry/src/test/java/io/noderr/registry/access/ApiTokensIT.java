package io.noderr.registry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class ApiTokensIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final ApiTokens tokens = db.bean(ApiTokens.class);

  private static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  private static Instant inDays(int days) {
    return Instant.now().plus(Duration.ofDays(days));
  }

  @Test
  void aLiveTokenGrantsItsOwnerAndRoles_untilRevoked() {
    long id = tokens.create(hash('a'), "alice", "ci", List.of("SRE", "OPERATOR"), inDays(30), null);

    ApiTokenGrant grant = tokens.live(hash('a')).orElseThrow();
    assertThat(grant.id()).isEqualTo(id);
    assertThat(grant.owner()).isEqualTo("alice");
    assertThat(grant.roles()).containsExactly("SRE", "OPERATOR");
    assertThat(grant.lastUsedAt()).isNull();

    assertThat(tokens.revoke(id, "bob")).as("only the owner revokes").isFalse();
    assertThat(tokens.revoke(id, "alice")).isTrue();
    assertThat(tokens.revoke(id, "alice")).isFalse();
    assertThat(tokens.live(hash('a'))).isEmpty();
    assertThat(tokens.ownedBy("alice")).isEmpty();
  }

  @Test
  void anExpiredOrUnknownTokenGrantsNothing() {
    tokens.create(hash('b'), "alice", "old", List.of("SRE"), Instant.now().minusSeconds(1), null);
    assertThat(tokens.live(hash('b'))).isEmpty();
    assertThat(tokens.live(hash('c'))).isEmpty();
    assertThat(tokens.ownedBy("alice")).extracting(ApiTokenRow::name).contains("old");
    assertThat(tokens.liveCount("alice")).isZero();
  }

  @Test
  void touch_writesAtMostOnceAMinute() {
    long id = tokens.create(hash('d'), "carol", "bot", List.of("ADMIN"), inDays(1), null);
    tokens.touch(id);
    Instant first = tokens.live(hash('d')).orElseThrow().lastUsedAt();
    assertThat(first).isNotNull();
    tokens.touch(id);
    assertThat(tokens.live(hash('d')).orElseThrow().lastUsedAt()).isEqualTo(first);
  }

  @Test
  void aLiveNameIsUniquePerOwner_andTheSchemaRefusesUnknownRolesAndBadHashes() {
    tokens.create(hash('e'), "dave", "deploy", List.of("ADMIN"), inDays(1), null);
    assertThatThrownBy(
            () -> tokens.create(hash('f'), "dave", "deploy", List.of("ADMIN"), inDays(1), null))
        .isInstanceOf(DuplicateKeyException.class);
    tokens.create(hash('f'), "erin", "deploy", List.of("ADMIN"), inDays(1), null);

    assertThatThrownBy(
            () -> tokens.create(hash('1'), "dave", "x", List.of("AGENT"), inDays(1), null))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () -> tokens.create("nat_plain", "dave", "y", List.of("SRE"), inDays(1), null))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
