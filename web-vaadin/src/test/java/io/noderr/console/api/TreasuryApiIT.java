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
 * {@code GET /api/v1/treasury} is for ADMIN, SRE and SIGNER; operators and strangers are refused.
 */
class TreasuryApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;

  @Test
  void theTreasury_isReadByStaffAndSigners_only() throws Exception {
    for (String user : new String[] {"admin", "sre", "signer1"}) {
      mvc.perform(get("/api/v1/treasury").with(httpBasic(user, PASSWORD)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status.balances").isArray());
    }
    mvc.perform(get("/api/v1/treasury").with(httpBasic("operator1", PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/treasury")).andExpect(status().isUnauthorized());
  }
}
