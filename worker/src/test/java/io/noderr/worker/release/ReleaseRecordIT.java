package io.noderr.worker.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.ReleaseProgress;
import io.noderr.activities.release.ReleaseProgress.AcceptedSignature;
import io.noderr.activities.release.ReleaseProgress.AuditStep;
import io.noderr.activities.release.ReleaseRecorded;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.registry.release.ReleaseTerms;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.LocalBeacon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * {@code record} against a real PostgreSQL, wired as the worker wires it (Spring transaction
 * included): Temporal retries activities, so every step is written exactly once.
 */
class ReleaseRecordIT {

  private static final String SIGNER = "0x22d491bde2303f2f43325b2108d26f1eaba1e32b";
  private static final long DEADLINE = 1_900_000_000L;

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(
                LocalBeacon.class,
                () ->
                    new LocalBeacon(
                        new BeaconProperties.Local(
                            1337, List.of(), null, List.of(), Duration.ofHours(24)),
                        context.getBean(LocalBeaconStore.class)));
            context.registerBean(ReleaseActivitiesImpl.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(ReleaseMeters.class);
          });

  private final ReleaseActivitiesImpl activities = db.bean(ReleaseActivitiesImpl.class);
  private final ReleaseRequests requests = db.bean(ReleaseRequests.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private static ReleaseProgress progress(
      int sequence, String status, List<String> signedBy, String actor, String action) {
    return new ReleaseProgress(
        "rel-1",
        BeaconTier.GUARDIAN,
        "2.0.0",
        "sha256:" + "cd".repeat(32),
        status,
        "alice",
        DEADLINE,
        2,
        signedBy,
        List.of(),
        null,
        null,
        new AuditStep(sequence, actor, action, status + " after step " + sequence),
        new ReleaseProgress.Terms(
            "1.0.0",
            "ipfs://notes",
            null,
            "3",
            signedBy.stream()
                .map(signer -> new AcceptedSignature(signer, "0xsig", "bob", 1_000L * sequence))
                .toList()));
  }

  @Test
  void record_writesTheRowAndTheAuditEntry_onceForTheSameStep() {
    ReleaseProgress proposed =
        progress(1, "AWAITING_SIGNATURES", List.of(), "alice", "release.proposed");

    ReleaseRecorded first = activities.record(proposed);
    ReleaseRecorded retried = activities.record(proposed);

    assertThat(first).isEqualTo(new ReleaseRecorded("rel-1", true));
    assertThat(retried).isEqualTo(new ReleaseRecorded("rel-1", false));
    List<AuditEntry> entries = audit.recentFor("rel-1", 10);
    assertThat(entries).hasSize(1);
    AuditEntry entry = entries.getFirst();
    assertThat(entry.actor()).isEqualTo("alice");
    assertThat(entry.action()).isEqualTo("release.proposed");
    assertThat(entry.detail()).isEqualTo("AWAITING_SIGNATURES after step 1");
    assertThat(entry.workflowId()).isEqualTo("rel-1");
    ReleaseRow row = requests.find("rel-1").orElseThrow();
    assertThat(row.tier()).isEqualTo(Tier.GUARDIAN);
    assertThat(row.version()).isEqualTo("2.0.0");
    assertThat(row.status()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(row.deadline()).isEqualTo(Instant.ofEpochSecond(DEADLINE));
    assertThat(row.threshold()).isEqualTo(2);
    assertThat(row.lastStep()).isEqualTo(1);
  }

  @Test
  void record_appliesEachNewStep_andIgnoresAStepArrivingLate() {
    activities.record(progress(1, "AWAITING_SIGNATURES", List.of(), "alice", "release.proposed"));
    activities.record(
        progress(2, "AWAITING_SIGNATURES", List.of(SIGNER), SIGNER, "release.signed"));

    ReleaseRecorded late =
        activities.record(
            progress(1, "AWAITING_SIGNATURES", List.of(), "alice", "release.proposed"));

    assertThat(late.firstTime()).isFalse();
    assertThat(audit.recentFor("rel-1", 10))
        .extracting(AuditEntry::action)
        .containsExactly("release.signed", "release.proposed");
    ReleaseRow row = requests.find("rel-1").orElseThrow();
    assertThat(row.signedBy()).containsExactly(SIGNER);
    assertThat(row.lastStep()).isEqualTo(2);
    // The terms a restart needs follow the newest step too, not the one arriving late.
    assertThat(requests.unfinished().getFirst().terms())
        .isEqualTo(
            new ReleaseTerms(
                "1.0.0",
                "ipfs://notes",
                null,
                "3",
                List.of(
                    new ReleaseTerms.Signature(
                        SIGNER, "0xsig", "bob", Instant.ofEpochMilli(2_000)))));
  }

  @Test
  void record_writesNothing_whenTheAuditEntryCannotBeWritten() {
    ReleaseProgress withoutActor =
        progress(1, "AWAITING_SIGNATURES", List.of(), null, "release.proposed");

    assertThatThrownBy(() -> activities.record(withoutActor))
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(requests.find("rel-1")).isEmpty();
    assertThat(activities.record(progress(1, "AWAITING_SIGNATURES", List.of(), "alice", "x")))
        .isEqualTo(new ReleaseRecorded("rel-1", true));
  }
}
