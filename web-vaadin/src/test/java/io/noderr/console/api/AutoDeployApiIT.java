package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/v1/auto-deploy}: admins set a tier's policy (audited), SREs read, bad input is 400.
 */
class AutoDeployApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired AutoDeployPolicies policies;
  @Autowired AuditLog audit;

  @AfterEach
  void off() {
    for (Tier tier : Tier.values()) {
      policies.set(tier, false, "canary", "test");
    }
  }

  @Test
  void anAdmin_turnsATierOn_withAPreset_audited_andAnSreReadsIt() throws Exception {
    set("admin", "ORACLE", "{\"enabled\": true, \"preset\": \"phased\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tier").value("ORACLE"))
        .andExpect(jsonPath("$.enabled").value(true))
        .andExpect(jsonPath("$.preset").value("phased"))
        .andExpect(jsonPath("$.updatedBy").value("admin"));

    mvc.perform(get("/api/v1/auto-deploy").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[1].tier").value("ORACLE"))
        .andExpect(jsonPath("$[1].enabled").value(true))
        .andExpect(jsonPath("$[0].enabled").value(false));
    assertThat(audit.recentFor("tier-ORACLE", 1))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("on, preset phased"));
  }

  @Test
  void badInputOrAnotherRole_isRefused_andChangesNothing() throws Exception {
    set("admin", "ORACLE", "{\"enabled\": true, \"preset\": \"yolo\"}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.detail", containsString("preset must be one of canary, phased, all-at-once")));
    set("admin", "MOON", "{\"enabled\": true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("tier: must be ALL, ORACLE or GUARDIAN")));
    set("admin", "ORACLE", "{\"preset\": \"canary\"}").andExpect(status().isBadRequest());
    set("sre", "ORACLE", "{\"enabled\": true}").andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/auto-deploy").with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isForbidden());

    assertThat(policies.of(Tier.ORACLE).enabled()).isFalse();
  }

  private ResultActions set(String user, String tier, String body) throws Exception {
    return mvc.perform(
        put("/api/v1/auto-deploy/" + tier)
            .with(httpBasic(user, PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
