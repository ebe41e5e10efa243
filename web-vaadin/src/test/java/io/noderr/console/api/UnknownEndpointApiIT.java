package io.noderr.console.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A request no endpoint takes is a 404 problem naming it, never the console's HTML page or Spring
 * Boot's error body; strangers still get 401 first.
 */
class UnknownEndpointApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;

  @Test
  void anUnknownPath_isA404Problem_namingMethodAndPath() throws Exception {
    mvc.perform(get("/api/v1/nope").with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "no endpoint GET /api/v1/nope; the API reference lists every endpoint:"
                        + " /docs/api-reference.html"));
  }

  @Test
  void aKnownPathWithAnotherMethod_isAProblemToo_notBootsErrorBody() throws Exception {
    mvc.perform(get("/api/v1/deployments").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("no endpoint GET")));
  }

  @Test
  void strangers_getA401_beforeAnythingElse() throws Exception {
    mvc.perform(get("/api/v1/nope")).andExpect(status().isUnauthorized());
  }
}
