package io.noderr.console.api;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Governance off (the shared context: the local beacon, no chain): the overview says so and why,
 * everything else answers 409 with that reason; roles still apply first.
 */
class GovernanceOffApiIT extends AbstractConsoleIT {

  private static final String OFF = "governance is off: the beacon is not on chain";

  @Autowired MockMvc mvc;

  @Test
  void everyGovernanceEndpoint_saysGovernanceIsOff_andWhy() throws Exception {
    mvc.perform(get("/api/v1/governance").with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.on").value(false))
        .andExpect(jsonPath("$.reason", startsWith(OFF)));
    for (String path :
        new String[] {
          "/api/v1/governance/proposals",
          "/api/v1/governance/proposals/1",
          "/api/v1/governance/proposals/1/ballot?voter=0x0000000000000000000000000000000000000001",
          "/api/v1/governance/stakes"
        }) {
      mvc.perform(get(path).with(httpBasic("sre", PASSWORD)))
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.detail", startsWith(OFF)));
    }
    mvc.perform(
            post("/api/v1/governance/proposals/1/ballots")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"voter\": \"0x01\", \"support\": \"FOR\", \"signature\": \"0x\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", startsWith(OFF)));
    mvc.perform(
            post("/api/v1/governance/proposals")
                .with(httpBasic("sre", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isForbidden());
  }
}
