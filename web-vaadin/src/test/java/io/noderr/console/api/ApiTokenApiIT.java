package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.http.Secrets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * API tokens end to end through the real chain and PostgreSQL: shown once, SHA-256 at rest, a
 * subset of the creator's roles, accepted as {@code Authorization: Bearer nat_...} with exactly
 * those roles, last use recorded, revoked by their owner only.
 */
class ApiTokenApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @Test
  void aTokenIsShownOnce_storedAsItsHash_andWorksWithItsRolesOnly() throws Exception {
    JsonNode created =
        create("sre", "read-only-ci", "[\"SRE\"]", 30)
            .andExpect(status().isCreated())
            .andReturnJson();
    String token = created.path("token").asText();
    assertThat(Secrets.hasShape(Secrets.API_TOKEN, token)).isTrue();
    assertThat(created.path("roles").toString()).isEqualTo("[\"SRE\"]");

    assertThat(
            jdbc.queryForObject(
                "SELECT token_hash FROM api_tokens WHERE id = ?",
                String.class,
                created.path("id").asLong()))
        .isEqualTo(Secrets.sha256Hex(token));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM api_tokens WHERE token_hash = ?", Long.class, token))
        .isZero();

    // Reads as SRE; may not act (ADMIN).
    mvc.perform(get("/api/v1/fleet/health").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    mvc.perform(
            post("/api/v1/nodes/any/health-checks")
                .header("X-Requested-By", "ci")
                .header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden());

    // Listed without the token; last use recorded.
    String listed =
        mvc.perform(get("/api/v1/tokens").with(httpBasic("sre", PASSWORD)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[?(@.name == 'read-only-ci')].lastUsedAt").isNotEmpty())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(listed).doesNotContain(token).doesNotContain(Secrets.sha256Hex(token));
  }

  @Test
  void aTokenCarriesOnlyRolesItsCreatorHolds_andCannotMintTokens() throws Exception {
    create("sre", "too-much", "[\"ADMIN\"]", 1)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("you do not hold [ADMIN]")));

    String token = create("sre", "minter", "[\"SRE\"]", 1).andReturnJson().path("token").asText();
    mvc.perform(
            post("/api/v1/tokens")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"child\", \"roles\": [\"SRE\"], \"expiresInDays\": 1}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("an API token cannot create tokens")));
  }

  @Test
  void aRevokedTokenStopsWorking_andOnlyItsOwnerRevokesIt() throws Exception {
    JsonNode created = create("signer1", "inbox-bot", "[\"SIGNER\"]", 7).andReturnJson();
    String token = created.path("token").asText();
    long id = created.path("id").asLong();
    mvc.perform(get("/api/v1/releases").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());

    mvc.perform(
            delete("/api/v1/tokens/" + id)
                .header("X-Requested-By", "t")
                .with(httpBasic("signer2", PASSWORD)))
        .andExpect(status().isNotFound());
    mvc.perform(
            delete("/api/v1/tokens/" + id)
                .header("X-Requested-By", "t")
                .with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isNoContent());
    mvc.perform(get("/api/v1/releases").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized());
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_log WHERE subject = ? ORDER BY id",
                String.class,
                "api-token:" + id))
        .containsExactly("api-token.created", "api-token.revoked");
  }

  @Test
  void badFormsAre400_andAWrongOrMadeUpTokenIs401() throws Exception {
    create("admin", "x", "[\"ADMIN\"]", 0).andExpect(status().isBadRequest());
    create("admin", "x", "[\"AGENT\"]", 1).andExpect(status().isBadRequest());
    create("admin", "", "[\"ADMIN\"]", 1).andExpect(status().isBadRequest());
    create("admin", "dup", "[\"ADMIN\"]", 1).andExpect(status().isCreated());
    create("admin", "dup", "[\"ADMIN\"]", 1).andExpect(status().isConflict());
    mvc.perform(
            get("/api/v1/fleet/health")
                .header("Authorization", "Bearer " + Secrets.generate(Secrets.API_TOKEN)))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            delete("/api/v1/tokens/not-a-number")
                .header("X-Requested-By", "t")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  private Created create(String user, String name, String roles, int days) throws Exception {
    return new Created(
        mvc.perform(
            post("/api/v1/tokens")
                .with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\": \"%s\", \"roles\": %s, \"expiresInDays\": %d}"
                        .formatted(name, roles, days))));
  }

  /** The answer to a create, readable as JSON. */
  private final class Created {
    private final ResultActions result;

    Created(ResultActions result) {
      this.result = result;
    }

    Created andExpect(org.springframework.test.web.servlet.ResultMatcher matcher) throws Exception {
      result.andExpect(matcher);
      return this;
    }

    JsonNode andReturnJson() throws Exception {
      return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
  }
}
