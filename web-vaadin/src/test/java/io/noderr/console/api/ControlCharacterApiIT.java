package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Control characters in request bodies, query parameters and paths: 400 naming the field, nothing
 * stored, no workflow started (the case: a NUL in a public application field used to be
 * accepted and then retried forever by the recording activity).
 */
class ControlCharacterApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  @ParameterizedTest
  @ValueSource(strings = {"\\u0000", "\\u0007", "\\t", "\\n", "\\u001b[31m", "\\u0085", "\\u007f"})
  void aControlCharacterInAPublicApplicationFieldIs400_andNoApplicationIsCreated(String control)
      throws Exception {
    long applications = count("node_applications");
    long audit = count("audit_log");
    mvc.perform(
            post("/api/v1/applications")
                .with(from("10.11.0.1"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"operatorName": "Aurora%sNodes", "contact": "ops@aurora.example",
                     "tier": "ORACLE", "region": "eu-west",
                     "signingAddress": "0x%s"}
                    """
                        .formatted(control, "ab".repeat(20))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("operatorName must not contain control characters"));
    assertThat(count("node_applications")).isEqualTo(applications);
    // The refusal of a public endpoint is audited (MalformedRequests), nothing else is written.
    assertThat(count("audit_log")).isEqualTo(audit + 1);
  }

  @Test
  void listElementsAndMapValuesAreCheckedToo_withTheirPath() throws Exception {
    mvc.perform(
            post("/api/v1/deployments")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": \"1.0.0\", \"tiers\": [\"ORACLE\", \"ALL\\u0000\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("tiers[1] must not contain control characters"));
    mvc.perform(
            post("/api/v1/agent/enrollments")
                .header("Authorization", "Bearer " + agentToken())
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"nodes": [{"nodeId": "cc-1", "operator": "cc", "tier": "ALL",
                      "region": "eu", "labels": {"rack\\u0000": "r1"}}]}
                    """))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value("nodes[0].labels must not contain control characters"));
    assertThat(count("nodes WHERE id = 'cc-1'")).isZero();
  }

  @Test
  void aReasonMayKeepLineBreaks_butNoOtherControlCharacter() throws Exception {
    // A line break passes the text check and reaches the deployment service (no such rollout).
    int status =
        mvc.perform(
                post("/api/v1/deployments/rollout-ORACLE-9.9.9/pause")
                    .with(httpBasic("admin", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\": \"line one\\nline two\"}"))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isNotEqualTo(400).isLessThan(500);
    mvc.perform(
            post("/api/v1/deployments/rollout-ORACLE-9.9.9/pause")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"tab\\there\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value("reason must not contain control characters (line breaks are allowed)"));
  }

  @Test
  void aKeyRepeatedInOneObjectIs400_notAnInternalError() throws Exception {
    // Found by ApiFuzzIT: Jackson reports a repeated record property as a definition error.
    mvc.perform(
            post("/api/v1/applications/app-0000000000/reject")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"spam\", \"reason\": \"other\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("the request body repeats a key within one object"));
  }

  @Test
  void aControlCharacterInAQueryParameterIs400NamingIt() throws Exception {
    mvc.perform(get("/api/v1/nodes").param("q", "acme\u0000").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value("query parameter q must not contain control characters"));
    mvc.perform(
            get("/api/v1/applications")
                .param("tier", "ORACLE\r\nX-Injected: 1")
                .with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("query parameter tier")))
        .andExpect(jsonPath("$.detail", not(containsString("X-Injected"))));
  }

  @Test
  void aControlCharacterInThePathIs400() throws Exception {
    // A URI, so the test client does not encode the '%' itself.
    mvc.perform(get(URI.create("/api/v1/nodes/node%01x")).with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value("the request path must not contain control characters"));
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  /** Public endpoints are rate-limited per address; each test class uses its own. */
  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }
}
