package io.noderr.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class NodeIdentitiesIT {

  private static final String EK = "e".repeat(64);
  private static final Map<String, String> PCRS =
      Map.of("0", "a".repeat(64), "7", "b".repeat(64), "14", "c".repeat(64));

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final NodeIdentities identities = db.bean(NodeIdentities.class);
  private final NodeSessions sessions = db.bean(NodeSessions.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  @BeforeEach
  void twoNodes() {
    db.insertNode("n-1", "acme", Tier.ORACLE, "eu-west", "ACTIVE");
    db.insertNode("n-2", "acme", Tier.ORACLE, "eu-west", "ACTIVE");
    db.jdbc().update("UPDATE nodes SET attestation_status = 'ATTESTED'");
  }

  private static StoredIdentity tpm(String nodeId, String ek) {
    return new StoredIdentity(
        nodeId, "TPM", "AAEACwAF", "000b" + "1".repeat(64), "AAEAAQ", ek, PCRS);
  }

  private static StoredIdentity software(String nodeId) {
    return new StoredIdentity(nodeId, "SOFTWARE", "MCowBQYDK2VwAyEA", null, null, null, null);
  }

  private String column(String column, String nodeId) {
    return db.jdbc()
        .queryForObject("SELECT " + column + " FROM nodes WHERE id = ?", String.class, nodeId);
  }

  @Test
  void insert_thenFind_roundTripsATpmIdentity_withItsPcrValues() {
    identities.insert(tpm("n-1", EK));

    StoredIdentity found = identities.find("n-1").orElseThrow();

    assertThat(found).isEqualTo(tpm("n-1", EK));
    assertThat(found.tpm()).isTrue();
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT pcr_values ->> '7' FROM node_identities WHERE node_id = 'n-1'",
                    String.class))
        .isEqualTo("b".repeat(64));
  }

  @Test
  void withinFleetCredential_isEveryNodeWithoutAnIdentity_inTierAllUnlessAnyTier() {
    db.insertNode("n-all", "acme", Tier.ALL, "eu-west", "ACTIVE");
    db.insertNode("n-all-proven", "acme", Tier.ALL, "eu-west", "ACTIVE");
    identities.insert(software("n-all-proven"));
    identities.insert(software("n-2"));

    assertThat(identities.withinFleetCredential(false)).containsExactly("n-all");
    assertThat(identities.withinFleetCredential(true)).containsExactlyInAnyOrder("n-all", "n-1");
  }

  @Test
  void identifiedWithin_namesTheNodesWhoseIdentityIsThatRecent() {
    identities.insert(software("n-1"));
    identities.insert(software("n-2"));
    db.jdbc()
        .update(
            "UPDATE node_identities SET registered_at = now() - interval '1 hour'"
                + " WHERE node_id = 'n-2'");

    assertThat(identities.identifiedWithin(Duration.ofSeconds(10))).containsExactly("n-1");
    assertThat(identities.identifiedWithin(Duration.ofHours(2)))
        .containsExactlyInAnyOrder("n-1", "n-2");
  }

  @Test
  void insert_thenFind_roundTripsASoftwareIdentity_withNoPcrValuesAsAnEmptyMap() {
    identities.insert(software("n-1"));

    StoredIdentity found = identities.find("n-1").orElseThrow();

    assertThat(found.tpm()).isFalse();
    assertThat(found.keyKind()).isEqualTo("SOFTWARE");
    assertThat(found.akPublic()).isEqualTo("MCowBQYDK2VwAyEA");
    assertThat(found.akName()).isNull();
    assertThat(found.ekCertificateSha256()).isNull();
    assertThat(found.pcrValues()).isEmpty();
  }

  @Test
  void find_isEmpty_forANodeWithoutIdentity() {
    assertThat(identities.find("n-1")).isEmpty();
  }

  @Test
  void ekInUse_isTrueOnlyForARegisteredEkCertificate() {
    identities.insert(tpm("n-1", EK));
    identities.insert(software("n-2"));

    assertThat(identities.ekInUse(EK)).isTrue();
    assertThat(identities.ekInUse("f".repeat(64))).isFalse();
    assertThat(identities.ekInUse(null)).isFalse();
  }

  @Test
  void insert_refusesASecondNodeWithTheSameEk_butManySoftwareNodes() {
    identities.insert(tpm("n-1", EK));

    assertThatThrownBy(() -> identities.insert(tpm("n-2", EK)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(identities.find("n-2")).isEmpty();

    db.insertNode("n-3", "acme", Tier.ALL, "eu-west", "ACTIVE");
    identities.insert(software("n-2"));
    identities.insert(software("n-3"));
    assertThat(identities.find("n-3")).isPresent();
  }

  @Test
  void insert_refusesAnUnknownNodeOrKeyKind() {
    assertThatThrownBy(() -> identities.insert(tpm("n-nope", EK)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                identities.insert(
                    new StoredIdentity("n-1", "HSM", "key", null, null, null, Map.of())))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void attested_recordsTheQuotedValues_keepsTheBaseline_addsOnlyNewPcrs_andMovesLastAttested() {
    identities.insert(tpm("n-1", EK));
    db.jdbc().update("UPDATE node_identities SET last_attested_at = now() - interval '1 day'");
    Map<String, String> quoted = Map.of("1", "d".repeat(64), "7", "e".repeat(64));

    identities.attested("n-1", quoted);

    // PCR 7 was in the baseline and keeps its registration value; PCR 1 is new to it.
    assertThat(identities.find("n-1").orElseThrow().pcrValues())
        .isEqualTo(
            Map.of(
                "0",
                "a".repeat(64),
                "1",
                "d".repeat(64),
                "7",
                "b".repeat(64),
                "14",
                "c".repeat(64)));
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT pcr_values ->> '7' FROM node_identities WHERE node_id = 'n-1'",
                    String.class))
        .isEqualTo("e".repeat(64));
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT last_attested_at > now() - interval '1 minute' FROM node_identities",
                    Boolean.class))
        .isTrue();
  }

  @Test
  void quarantine_takesTheNodeOut_revokesItsSessions_andAuditsTheReason() {
    identities.insert(tpm("n-1", EK));
    Instant inAnHour = Instant.now().plusSeconds(3600);
    sessions.issue("1".repeat(64), "n-1", inAnHour);
    sessions.issue("2".repeat(64), "n-1", inAnHour);
    sessions.issue("3".repeat(64), "n-2", inAnHour);
    long version =
        db.jdbc().queryForObject("SELECT row_version FROM nodes WHERE id = 'n-1'", Long.class);

    identities.quarantine("n-1", "PCR 7 changed: secure boot policy differs");

    assertThat(column("status", "n-1")).isEqualTo("QUARANTINED");
    assertThat(column("attestation_status", "n-1")).isEqualTo("FAILED");
    assertThat(
            db.jdbc().queryForObject("SELECT row_version FROM nodes WHERE id = 'n-1'", Long.class))
        .isEqualTo(version + 1);
    assertThat(sessions.nodeOf("1".repeat(64))).isEmpty();
    assertThat(sessions.nodeOf("2".repeat(64))).isEmpty();
    assertThat(sessions.nodeOf("3".repeat(64))).contains("n-2");
    assertThat(column("status", "n-2")).isEqualTo("ACTIVE");
    assertThat(column("attestation_status", "n-2")).isEqualTo("ATTESTED");
    AuditEntry entry = audit.recentFor("n-1", 10).getFirst();
    assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM);
    assertThat(entry.action()).isEqualTo("node.quarantined");
    assertThat(entry.detail()).isEqualTo("PCR 7 changed: secure boot policy differs");
    assertThat(audit.recentFor("n-2", 10)).isEmpty();
  }

  @Test
  void quarantine_keepsTheTimeOfAnEarlierSessionRevocation() {
    sessions.issue("1".repeat(64), "n-1", Instant.now().plusSeconds(3600));
    sessions.revoke("1".repeat(64));
    db.jdbc().update("UPDATE node_sessions SET revoked_at = now() - interval '1 day'");

    identities.quarantine("n-1", "quote signature invalid");

    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT revoked_at < now() - interval '1 hour' FROM node_sessions",
                    Boolean.class))
        .isTrue();
  }
}
