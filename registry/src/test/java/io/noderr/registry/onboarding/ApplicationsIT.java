package io.noderr.registry.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApplicationsIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final Applications applications = db.bean(Applications.class);

  private static ApplicationRow application(
      String id, String operator, String contact, String tier, String region) {
    return new ApplicationRow(
        id,
        operator,
        contact,
        tier,
        region,
        "0xabc0000000000000000000000000000000000001",
        "IN_REVIEW",
        null,
        null,
        null,
        "onboarding-" + id,
        null,
        null);
  }

  private static ApplicationRow application(String id) {
    return application(id, "Acme Nodes", "ops@acme.example", "ORACLE", "eu-west");
  }

  /** Stores the application and backdates it, so "newest first" does not hang on now(). */
  private void insertCreatedMinutesAgo(ApplicationRow row, int minutesAgo) {
    applications.insert(row);
    db.jdbc()
        .update(
            "UPDATE node_applications SET created_at = now() - make_interval(mins => ?)"
                + " WHERE id = ?",
            minutesAgo,
            row.id());
  }

  private static ApplicationQuery query(String status, String tier, String text) {
    return new ApplicationQuery(status, tier, text, 0, 50);
  }

  private List<String> idsOf(ApplicationQuery query) {
    return applications.search(query).stream().map(ApplicationRow::id).toList();
  }

  private long rowVersion(String id) {
    return db.jdbc()
        .queryForObject("SELECT row_version FROM node_applications WHERE id = ?", Long.class, id);
  }

  @Test
  void insert_storesTheApplicationInReview_andReadsItBack() {
    Instant before = Instant.now().minusSeconds(1);

    assertThat(applications.insert(application("app-1"))).isTrue();

    ApplicationRow row = applications.find("app-1").orElseThrow();
    assertThat(row.operatorName()).isEqualTo("Acme Nodes");
    assertThat(row.contact()).isEqualTo("ops@acme.example");
    assertThat(row.tier()).isEqualTo("ORACLE");
    assertThat(row.region()).isEqualTo("eu-west");
    assertThat(row.signingAddress()).isEqualTo("0xabc0000000000000000000000000000000000001");
    assertThat(row.status()).isEqualTo("IN_REVIEW");
    assertThat(row.workflowId()).isEqualTo("onboarding-app-1");
    assertThat(row.reviewedBy()).isNull();
    assertThat(row.reviewReason()).isNull();
    assertThat(row.nodeId()).isNull();
    assertThat(row.createdAt()).isAfter(before);
    assertThat(row.updatedAt()).isAfter(before);
  }

  @Test
  void insert_isIdempotent_aRetryKeepsTheFirstRow() {
    applications.insert(application("app-1"));
    applications.moveTo("app-1", "APPROVED", "alice", null, null);

    boolean again =
        applications.insert(application("app-1", "Other", "x@y.example", "GUARDIAN", "us-east"));

    assertThat(again).isFalse();
    ApplicationRow row = applications.find("app-1").orElseThrow();
    assertThat(row.operatorName()).isEqualTo("Acme Nodes");
    assertThat(row.tier()).isEqualTo("ORACLE");
    assertThat(row.status()).isEqualTo("APPROVED");
    assertThat(applications.count(query(null, null, null))).isEqualTo(1);
  }

  @Test
  void find_isEmpty_forAnUnknownId() {
    assertThat(applications.find("app-nope")).isEmpty();
  }

  @Test
  void moveTo_changesTheStatus_once_andBumpsTheRowVersion() {
    applications.insert(application("app-1"));
    long version = rowVersion("app-1");

    assertThat(applications.moveTo("app-1", "APPROVED", "alice", null, null)).isTrue();
    assertThat(applications.moveTo("app-1", "APPROVED", "alice", null, null)).isFalse();

    ApplicationRow row = applications.find("app-1").orElseThrow();
    assertThat(row.status()).isEqualTo("APPROVED");
    assertThat(row.reviewedBy()).isEqualTo("alice");
    assertThat(rowVersion("app-1")).isEqualTo(version + 1);
  }

  @Test
  void moveTo_keepsTheReviewerAndNodeId_whenGivenNull_andReplacesTheReason() {
    applications.insert(application("app-1"));
    applications.moveTo("app-1", "APPROVED", "alice", "looks good", null);
    db.jdbc().update("UPDATE node_applications SET updated_at = now() - interval '1 hour'");
    Instant backdated = applications.find("app-1").orElseThrow().updatedAt();

    applications.moveTo("app-1", "REGISTERED", null, null, "eu-west-1");

    ApplicationRow row = applications.find("app-1").orElseThrow();
    assertThat(row.status()).isEqualTo("REGISTERED");
    assertThat(row.reviewedBy()).isEqualTo("alice");
    assertThat(row.nodeId()).isEqualTo("eu-west-1");
    assertThat(row.reviewReason()).isNull();
    assertThat(row.updatedAt()).isAfter(backdated);
  }

  @Test
  void moveTo_recordsTheRejectionsReviewerAndReason() {
    applications.insert(application("app-1"));

    applications.moveTo("app-1", "REJECTED", "carol", "KYC failed", null);

    ApplicationRow row = applications.find("app-1").orElseThrow();
    assertThat(row.status()).isEqualTo("REJECTED");
    assertThat(row.reviewedBy()).isEqualTo("carol");
    assertThat(row.reviewReason()).isEqualTo("KYC failed");
  }

  @Test
  void moveTo_isFalse_forAnUnknownApplication() {
    assertThat(applications.moveTo("app-nope", "APPROVED", "alice", null, null)).isFalse();
  }

  @Test
  void search_filtersByStatusAndTier_newestFirst_andCountAgrees() {
    insertCreatedMinutesAgo(application("app-1", "A", "a@x", "ORACLE", "eu"), 30);
    insertCreatedMinutesAgo(application("app-2", "B", "b@x", "GUARDIAN", "eu"), 20);
    insertCreatedMinutesAgo(application("app-3", "C", "c@x", "ORACLE", "us"), 10);
    applications.moveTo("app-1", "APPROVED", "alice", null, null);

    assertThat(idsOf(query(null, null, null))).containsExactly("app-3", "app-2", "app-1");
    assertThat(idsOf(query("IN_REVIEW", null, null))).containsExactly("app-3", "app-2");
    assertThat(idsOf(query(null, "ORACLE", null))).containsExactly("app-3", "app-1");
    assertThat(idsOf(query("IN_REVIEW", "ORACLE", null))).containsExactly("app-3");
    assertThat(idsOf(query("REJECTED", null, null))).isEmpty();
    assertThat(applications.count(query(null, null, null))).isEqualTo(3);
    assertThat(applications.count(query("IN_REVIEW", null, null))).isEqualTo(2);
    assertThat(applications.count(query("IN_REVIEW", "ORACLE", null))).isEqualTo(1);
    assertThat(applications.count(query("REJECTED", null, null))).isZero();
  }

  @Test
  void search_pagesWithOffsetAndLimit_whileCountIgnoresThePage() {
    for (int i = 1; i <= 5; i++) {
      insertCreatedMinutesAgo(application("app-" + i), 10 * (6 - i));
    }

    assertThat(idsOf(new ApplicationQuery(null, null, null, 0, 2)))
        .containsExactly("app-5", "app-4");
    assertThat(idsOf(new ApplicationQuery(null, null, null, 2, 2)))
        .containsExactly("app-3", "app-2");
    assertThat(idsOf(new ApplicationQuery(null, null, null, 4, 2))).containsExactly("app-1");
    assertThat(applications.count(new ApplicationQuery(null, null, null, 4, 2))).isEqualTo(5);
  }

  @Test
  void search_text_matchesOperatorContactRegionOrId_caseInsensitively() {
    insertCreatedMinutesAgo(
        application("app-1", "Acme Nodes", "ops@acme.example", "ORACLE", "eu-west"), 3);
    insertCreatedMinutesAgo(
        application("app-2", "Borealis", "noc@borealis.example", "ORACLE", "us-east"), 2);
    insertCreatedMinutesAgo(
        application("app-3", "Cirrus", "team@cirrus.example", "ALL", "ap-south"), 1);

    assertThat(idsOf(query(null, null, "ACME"))).containsExactly("app-1");
    assertThat(idsOf(query(null, null, "noc@"))).containsExactly("app-2");
    assertThat(idsOf(query(null, null, "AP-SOUTH"))).containsExactly("app-3");
    assertThat(idsOf(query(null, null, "app-2"))).containsExactly("app-2");
    assertThat(idsOf(query(null, null, "  borealis  "))).containsExactly("app-2");
    assertThat(idsOf(query(null, null, "   "))).hasSize(3);
    assertThat(idsOf(query(null, "ORACLE", "example"))).containsExactly("app-2", "app-1");
    assertThat(applications.count(query(null, null, "example"))).isEqualTo(3);
    assertThat(applications.count(query(null, null, "nobody"))).isZero();
  }

  @Test
  void search_text_treatsPercentAndUnderscoreLiterally() {
    insertCreatedMinutesAgo(application("app-1", "100% Uptime", "a@x", "ORACLE", "eu"), 4);
    insertCreatedMinutesAgo(application("app-2", "1000 Uptime", "b@x", "ORACLE", "eu"), 3);
    insertCreatedMinutesAgo(application("app-3", "node_runner", "c@x", "ORACLE", "eu"), 2);
    insertCreatedMinutesAgo(application("app-4", "nodeXrunner", "d@x", "ORACLE", "eu"), 1);

    assertThat(idsOf(query(null, null, "100%"))).containsExactly("app-1");
    assertThat(idsOf(query(null, null, "%"))).containsExactly("app-1");
    assertThat(idsOf(query(null, null, "e_r"))).containsExactly("app-3");
    assertThat(idsOf(query(null, null, "_"))).containsExactly("app-3");
    assertThat(applications.count(query(null, null, "%"))).isEqualTo(1);
    assertThat(applications.count(query(null, null, "_"))).isEqualTo(1);
  }

  @Test
  void search_text_treatsBackslashLiterally() {
    insertCreatedMinutesAgo(application("app-1", "C:\\nodes", "a@x", "ORACLE", "eu"), 2);
    insertCreatedMinutesAgo(application("app-2", "C:nodes", "b@x", "ORACLE", "eu"), 1);

    assertThat(idsOf(query(null, null, "C:\\nodes"))).containsExactly("app-1");
    assertThat(idsOf(query(null, null, "\\"))).containsExactly("app-1");
  }
}
