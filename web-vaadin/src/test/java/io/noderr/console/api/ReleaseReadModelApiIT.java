package io.noderr.console.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.Tier;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.registry.release.ReleaseTerms;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/v1/releases/<id>} for a request whose workflow Temporal no longer knows (the
 * embedded server keeps no history across restarts): the read model answers, saying so, instead of
 * a 404 for a release that exists.
 */
class ReleaseReadModelApiIT extends AbstractConsoleIT {

  private static final String SIGNER = "0x22d491bde2303f2f43325b2108d26f1eaba1e32b";
  private static final Instant DEADLINE = Instant.parse("2030-01-01T00:00:00Z");

  @Autowired MockMvc mvc;
  @Autowired ReleaseRequests requests;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void forget() {
    jdbc.update("DELETE FROM release_requests WHERE id LIKE 'release-GUARDIAN-7.%'");
  }

  @Test
  void aPublishedRequestWhoseHistoryIsGone_answersItsRecordedOutcome() throws Exception {
    stored("release-GUARDIAN-7.0.0", "PUBLISHED", "0xfeed");

    mvc.perform(get("/api/v1/releases/release-GUARDIAN-7.0.0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PUBLISHED"))
        .andExpect(jsonPath("$.notesUri").value("ipfs://notes"))
        .andExpect(jsonPath("$.signedBy[0]").value(SIGNER))
        .andExpect(jsonPath("$.transactionHash").value("0xfeed"));
  }

  @Test
  void anOpenRequestWhoseWorkflowIsGone_saysSo() throws Exception {
    stored("release-GUARDIAN-7.1.0", "AWAITING_SIGNATURES", null);

    mvc.perform(get("/api/v1/releases/release-GUARDIAN-7.1.0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("AWAITING_SIGNATURES"))
        .andExpect(jsonPath("$.reason", containsString("Temporal no longer knows")));
    mvc.perform(get("/api/v1/releases/release-GUARDIAN-7.9.9").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  private void stored(String id, String status, String transactionHash) {
    String version = id.substring("release-GUARDIAN-".length());
    requests.apply(
        new ReleaseRow(
            id,
            Tier.GUARDIAN,
            version,
            "sha256:" + "ab".repeat(32),
            status,
            "alice",
            DEADLINE,
            2,
            List.of(SIGNER),
            List.of(),
            transactionHash,
            null,
            0,
            null,
            null),
        3);
    requests.keepTerms(
        id,
        new ReleaseTerms(
            "1.0.0",
            "ipfs://notes",
            null,
            "4",
            List.of(
                new ReleaseTerms.Signature(SIGNER, "0xsig", "bob", DEADLINE.minusSeconds(60)))));
  }
}
