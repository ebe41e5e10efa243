package io.noderr.registry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReleaseRequestsIT {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String SIGNER_1 = "0x22d491bde2303f2f43325b2108d26f1eaba1e32b";
  private static final String SIGNER_2 = "0xe11ba2b4d45eaed5996cd0823791e0c93114882d";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final ReleaseRequests requests = db.bean(ReleaseRequests.class);

  private final Instant deadline =
      Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  private ReleaseRow request(String id, String status, List<String> signedBy) {
    return new ReleaseRow(
        id,
        Tier.ORACLE,
        "1.4.0",
        DIGEST,
        status,
        "alice",
        deadline,
        2,
        signedBy,
        List.of(),
        null,
        null,
        0,
        null,
        null);
  }

  /** Stores the request and backdates it, so "newest first" does not hang on now(). */
  private void insertCreatedMinutesAgo(ReleaseRow row, int minutesAgo) {
    requests.apply(row, 1);
    db.jdbc()
        .update(
            "UPDATE release_requests SET created_at = now() - make_interval(mins => ?)"
                + " WHERE id = ?",
            minutesAgo,
            row.id());
  }

  private List<String> ids(ReleasePage page) {
    return page.rows().stream().map(ReleaseRow::id).toList();
  }

  @Test
  void apply_insertsTheRequest_andReadsItBack() {
    Instant before = Instant.now().minusSeconds(1);

    assertThat(requests.apply(request("rel-1", "AWAITING_SIGNATURES", List.of()), 1)).isTrue();

    ReleaseRow row = requests.find("rel-1").orElseThrow();
    assertThat(row.tier()).isEqualTo(Tier.ORACLE);
    assertThat(row.version()).isEqualTo("1.4.0");
    assertThat(row.imageDigest()).isEqualTo(DIGEST);
    assertThat(row.status()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(row.proposedBy()).isEqualTo("alice");
    assertThat(row.deadline()).isEqualTo(deadline);
    assertThat(row.threshold()).isEqualTo(2);
    assertThat(row.signedBy()).isEmpty();
    assertThat(row.declinedBy()).isEmpty();
    assertThat(row.transactionHash()).isNull();
    assertThat(row.reason()).isNull();
    assertThat(row.lastStep()).isEqualTo(1);
    assertThat(row.createdAt()).isAfter(before);
    assertThat(row.updatedAt()).isAfter(before);
  }

  @Test
  void apply_changesTheRow_onlyForANewerStep() {
    requests.apply(request("rel-1", "AWAITING_SIGNATURES", List.of()), 1);
    ReleaseRow signed = request("rel-1", "AWAITING_SIGNATURES", List.of(SIGNER_1));

    assertThat(requests.apply(signed, 2)).isTrue();
    assertThat(requests.apply(signed, 2)).as("the same step retried").isFalse();
    assertThat(requests.apply(request("rel-1", "EXPIRED", List.of()), 1))
        .as("an older step arriving late")
        .isFalse();

    ReleaseRow row = requests.find("rel-1").orElseThrow();
    assertThat(row.status()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(row.signedBy()).containsExactly(SIGNER_1);
    assertThat(row.lastStep()).isEqualTo(2);
  }

  @Test
  void apply_updatesTheProgress_butKeepsWhatWasProposed() {
    requests.apply(request("rel-1", "AWAITING_SIGNATURES", List.of()), 1);
    ReleaseRow published =
        new ReleaseRow(
            "rel-1",
            Tier.GUARDIAN,
            "9.9.9",
            "sha256:" + "cd".repeat(32),
            "PUBLISHED",
            "mallory",
            deadline,
            2,
            List.of(SIGNER_1, SIGNER_2),
            List.of("0x0000000000000000000000000000000000000001"),
            "0x" + "12".repeat(32),
            "published",
            0,
            null,
            null);

    requests.apply(published, 5);

    ReleaseRow row = requests.find("rel-1").orElseThrow();
    assertThat(row.status()).isEqualTo("PUBLISHED");
    assertThat(row.signedBy()).containsExactly(SIGNER_1, SIGNER_2);
    assertThat(row.declinedBy()).containsExactly("0x0000000000000000000000000000000000000001");
    assertThat(row.transactionHash()).isEqualTo("0x" + "12".repeat(32));
    assertThat(row.reason()).isEqualTo("published");
    assertThat(row.tier()).isEqualTo(Tier.ORACLE);
    assertThat(row.version()).isEqualTo("1.4.0");
    assertThat(row.imageDigest()).isEqualTo(DIGEST);
    assertThat(row.proposedBy()).isEqualTo("alice");
  }

  @Test
  void find_isEmpty_forAnUnknownId() {
    assertThat(requests.find("rel-nope")).isEmpty();
  }

  @Test
  void list_filtersByStatus_newestFirst_pagesAndCounts() {
    insertCreatedMinutesAgo(request("rel-1", "PUBLISHED", List.of()), 40);
    insertCreatedMinutesAgo(request("rel-2", "EXPIRED", List.of()), 30);
    insertCreatedMinutesAgo(request("rel-3", "PUBLISHED", List.of()), 20);
    insertCreatedMinutesAgo(request("rel-4", "AWAITING_SIGNATURES", List.of()), 10);

    assertThat(ids(requests.list(null, 0, 10))).containsExactly("rel-4", "rel-3", "rel-2", "rel-1");
    assertThat(requests.list(null, 0, 10).total()).isEqualTo(4);
    assertThat(ids(requests.list("PUBLISHED", 0, 10))).containsExactly("rel-3", "rel-1");
    assertThat(requests.list("PUBLISHED", 0, 10).total()).isEqualTo(2);
    ReleasePage second = requests.list(null, 1, 3);
    assertThat(ids(second)).containsExactly("rel-1");
    assertThat(second.total()).isEqualTo(4);
    assertThat(requests.list("DECLINED", 0, 10).rows()).isEmpty();
    assertThatThrownBy(() -> requests.list(null, -1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openRequests_listRequestsAwaitingSignaturesOrPublishing() {
    assertThat(requests.openRequests()).isEmpty();
    requests.apply(request("rel-1", "PUBLISHED", List.of()), 1);
    assertThat(requests.openRequests()).isEmpty();

    requests.apply(request("rel-2", "AWAITING_SIGNATURES", List.of()), 1);
    assertThat(requests.openRequests()).isNotEmpty();
    requests.apply(request("rel-2", "PUBLISHING", List.of()), 2);
    assertThat(requests.openRequests()).isNotEmpty();
    requests.apply(request("rel-2", "FAILED", List.of()), 3);
    assertThat(requests.openRequests()).isEmpty();
  }

  @Test
  void schema_refusesAMalformedImageDigest() {
    assertThatThrownBy(
            () ->
                requests.apply(
                    new ReleaseRow(
                        "rel-1",
                        Tier.ALL,
                        "1.0.0",
                        "latest",
                        "AWAITING_SIGNATURES",
                        "alice",
                        deadline,
                        2,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        0,
                        null,
                        null),
                    1))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  @Test
  void unfinished_carriesTheTermsAndTheLatestAcceptedSignatures_ofOpenRequestsOnly() {
    Instant signedAt = Instant.parse("2026-12-02T10:00:00Z");
    ReleaseTerms.Signature first = new ReleaseTerms.Signature(SIGNER_1, "0xs1", "bob", signedAt);
    ReleaseTerms.Signature second =
        new ReleaseTerms.Signature(SIGNER_2, "0xs2", "carol", signedAt.plusSeconds(5));
    requests.apply(request("rel-1", "AWAITING_SIGNATURES", List.of(SIGNER_1)), 2);
    requests.keepTerms("rel-1", new ReleaseTerms("1.2.0", "ipfs://n", null, "7", List.of(first)));
    requests.apply(request("rel-1", "PUBLISHING", List.of(SIGNER_1, SIGNER_2)), 3);
    requests.keepTerms(
        "rel-1", new ReleaseTerms("1.2.0", "ipfs://n", null, "7", List.of(first, second)));
    requests.apply(request("rel-2", "EXPIRED", List.of()), 2);
    requests.keepTerms("rel-2", new ReleaseTerms("", "", null, "7", List.of()));

    List<StoredRelease> unfinished = requests.unfinished();

    assertThat(unfinished).extracting(u -> u.row().id()).containsExactly("rel-1");
    assertThat(unfinished.getFirst().row().status()).isEqualTo("PUBLISHING");
    assertThat(unfinished.getFirst().terms())
        .isEqualTo(new ReleaseTerms("1.2.0", "ipfs://n", null, "7", List.of(first, second)));
  }
}
