package io.noderr.gateway.http;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.noderr.gateway.agent.FleetToken;
import io.noderr.http.Secrets;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.NodeSessions;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A node API call that finds every database connection taken gets a 503 with Retry-After (the agent
 * keeps its batch for the next round), never a 500: in the controller, through the API's problem
 * handler, and in the bearer filter, which runs before it. A real pool of one connection, held by
 * the test, over a real PostgreSQL.
 */
class SaturatedDatabaseIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private HikariDataSource pool;
  private Connection held;
  private MockMvc mvc;

  @BeforeEach
  void aPoolWhoseOnlyConnectionIsTaken() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDataSource(db.dataSource());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    pool = new HikariDataSource(config);
    held = pool.getConnection();
    JdbcTemplate saturated = new JdbcTemplate(pool);

    NodeSessions sessions = mock(NodeSessions.class);
    when(sessions.nodeOf(anyString()))
        .thenAnswer(
            call -> Optional.ofNullable(saturated.queryForObject("SELECT 'node-1'", String.class)));
    mvc =
        MockMvcBuilders.standaloneSetup(new ReportController(saturated))
            .setControllerAdvice(new NodeApiExceptionHandler(mock(AuditLog.class)))
            .addFilters(
                new NodeBearerFilter(
                    mock(FleetToken.class),
                    new EmbeddedFleetCredential(),
                    sessions,
                    new ObjectMapper(),
                    SecurityContextHolder.getContextHolderStrategy()))
            .build();
  }

  @AfterEach
  void release() throws Exception {
    held.close();
    pool.close();
  }

  @Test
  void aQueryWaitingInVainForAConnection_is503_notA500() throws Exception {
    mvc.perform(post("/api/v1/agent/telemetry"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.detail").value("the platform is busy; send again shortly"));
  }

  @Test
  void aSessionLookupWaitingInVainForAConnection_is503_notA500() throws Exception {
    mvc.perform(
            post("/api/v1/agent/telemetry")
                .header("Authorization", "Bearer " + Secrets.generate(Secrets.NODE_SESSION)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.detail").value("the platform is busy; send again shortly"));
  }

  /** Stands in for any node API endpoint that reads the registry. */
  @RestController
  static class ReportController {

    private final JdbcTemplate jdbc;

    ReportController(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @PostMapping("/api/v1/agent/telemetry")
    String report() {
      return jdbc.queryForObject("SELECT 'stored'", String.class);
    }
  }
}
