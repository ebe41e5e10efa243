package io.noderr.registry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PendingRegistrationsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVIDENCE =
      "{\"keyKind\":\"TPM\",\"akName\":\"000b12\",\"pcrValues\":{\"0\":\"aa\",\"7\":\"bb\"}}";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final PendingRegistrations pending = db.bean(PendingRegistrations.class);

  @BeforeEach
  void anApplication() {
    db.bean(Applications.class)
        .insert(
            new ApplicationRow(
                "app-1",
                "Acme",
                "ops@acme.example",
                "ORACLE",
                "eu-west",
                "0xabc",
                "IN_REVIEW",
                null,
                null,
                null,
                "onboarding-app-1",
                null,
                null));
  }

  private static PendingRegistration registration(String id, Instant expiresAt) {
    return new PendingRegistration(
        id, "app-1", "1".repeat(64), "2".repeat(64), EVIDENCE, expiresAt);
  }

  private long stored() {
    return db.jdbc().queryForObject("SELECT count(*) FROM pending_registrations", Long.class);
  }

  @Test
  void take_returnsTheSavedRegistration_once() throws Exception {
    Instant expiry = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
    pending.save(registration("reg-1", expiry));

    PendingRegistration taken = pending.take("reg-1").orElseThrow();

    assertThat(taken.id()).isEqualTo("reg-1");
    assertThat(taken.applicationId()).isEqualTo("app-1");
    assertThat(taken.tokenHash()).isEqualTo("1".repeat(64));
    assertThat(taken.secretHash()).isEqualTo("2".repeat(64));
    assertThat(taken.expiresAt()).isEqualTo(expiry);
    // JSONB normalises the text; the document is the same.
    assertThat(JSON.readTree(taken.evidenceJson())).isEqualTo(JSON.readTree(EVIDENCE));
    assertThat(pending.take("reg-1")).isEmpty();
    assertThat(stored()).isZero();
  }

  @Test
  void take_isEmpty_forAnUnknownId_andLeavesOthersAlone() {
    pending.save(registration("reg-1", Instant.now().plusSeconds(300)));

    assertThat(pending.take("reg-2")).isEmpty();
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void take_returnsAnExpiredRegistration_withItsExpiry_forTheCallerToRefuse() {
    Instant expiry = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    pending.save(registration("reg-1", expiry));

    assertThat(pending.take("reg-1"))
        .get()
        .extracting(PendingRegistration::expiresAt)
        .isEqualTo(expiry);
  }

  @Test
  void save_dropsExpiredRegistrations() {
    pending.save(registration("reg-old", Instant.now().minusSeconds(1)));

    pending.save(registration("reg-new", Instant.now().plusSeconds(300)));

    assertThat(db.jdbc().queryForList("SELECT id FROM pending_registrations", String.class))
        .containsExactly("reg-new");
  }
}
