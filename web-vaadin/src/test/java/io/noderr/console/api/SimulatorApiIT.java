package io.noderr.console.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/v1/simulator/applied-updates}: what a kill drill reads to prove no node received
 * the same update twice (the stand-in fleet applied one update once).
 */
class SimulatorApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;

  @Test
  void appliedUpdates_perNode_withTheRepeatsListed_forAdminsAndSres() throws Exception {
    mvc.perform(get("/api/v1/simulator/applied-updates").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.nodes['sim-00001']['rollout-1/sim-00001']").value(1))
        .andExpect(jsonPath("$.repeated").isEmpty());
    mvc.perform(get("/api/v1/simulator/applied-updates").with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isForbidden());
  }
}
