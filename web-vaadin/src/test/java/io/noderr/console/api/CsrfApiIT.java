package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * CSRF: what a cross-site HTML form can send (no body, or a form/text body, with the browser's
 * cached Basic credentials) is refused with 403 before anything runs; a JSON content type or an
 * {@code X-Requested-By} header passes.
 */
class CsrfApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aBodylessPostWithoutTheHeaderIs403_andStartsNoWorkflow() throws Exception {
    long runs = count("workflow_runs");
    long audit = count("audit_log");
    for (String path :
        new String[] {
          "/api/v1/nodes/any-node/health-checks",
          "/api/v1/applications/app-0123456789/approve",
          "/api/v1/applications/app-0123456789/install-token"
        }) {
      refused(post(path));
      refused(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"));
      refused(post(path).contentType(MediaType.TEXT_PLAIN).content("{}"));
    }
    refused(put("/api/v1/simulator/release-faults").contentType(MediaType.TEXT_PLAIN));
    refused(delete("/api/v1/tokens/1"));
    assertThat(count("workflow_runs")).isEqualTo(runs);
    assertThat(count("audit_log")).isEqualTo(audit);
  }

  @Test
  void theHeaderOrAJsonContentTypeLetsTheRequestThrough() throws Exception {
    // Past the CSRF check the request meets the controller: an unknown node is 404.
    mvc.perform(
            post("/api/v1/nodes/no-such-node/health-checks")
                .header("X-Requested-By", "cli")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/api/v1/nodes/no-such-node/health-checks")
                .contentType("application/json; charset=utf-8")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/api/v1/nodes/no-such-node/health-checks")
                .contentType("application/problem+json")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  @Test
  void readsNeedNeither() throws Exception {
    mvc.perform(get("/api/v1/fleet/health").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk());
  }

  private void refused(MockHttpServletRequestBuilder request) throws Exception {
    mvc.perform(request.with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-Requested-By")));
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
