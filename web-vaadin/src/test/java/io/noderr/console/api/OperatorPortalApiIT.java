package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Operator logins through the API's real security chain, services and PostgreSQL: an admin makes
 * them (bad input refused, audited, nothing written), approval makes the applicant's, and an
 * operator login — by password or by its own API token — reads only its own operator's nodes,
 * counts, alerts, applications and tokens; another operator's node is "not found".
 */
class OperatorPortalApiIT extends AbstractConsoleIT {

  private static final String ACME = "portal-acme";
  private static final String GLOBEX = "portal-globex";
  private static final String ACME_LOGIN = "acme-portal";
  private static final String GLOBEX_LOGIN = "globex-portal";
  private static final String ACME_PASSWORD = "correct-horse-battery-1";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired Alerts alerts;

  private String globexPassword;

  /** Two operators with their nodes, and a fresh login each (one chosen, one generated). */
  @BeforeEach
  void twoOperators() throws Exception {
    jdbc.update("DELETE FROM operator_logins WHERE operator_id IN (?, ?)", ACME, GLOBEX);
    for (String operator : List.of(ACME, GLOBEX)) {
      jdbc.update(
          "INSERT INTO operators (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
          operator,
          operator);
    }
    node("portal-acme-1", ACME);
    node("portal-acme-2", ACME);
    node("portal-globex-1", GLOBEX);
    createLogin(
            ACME,
            "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(ACME_LOGIN, ACME_PASSWORD))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.initialPassword").doesNotExist());
    JsonNode globex =
        read(
            createLogin(GLOBEX, "{\"username\": \"%s\"}".formatted(GLOBEX_LOGIN))
                .andExpect(status().isCreated()));
    globexPassword = globex.path("initialPassword").asText();
    assertThat(globexPassword).hasSizeGreaterThanOrEqualTo(20);
  }

  private void node(String id, String operator) {
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES (?, ?, 'ORACLE',"
            + " 'eu-west', 'ACTIVE') ON CONFLICT DO NOTHING",
        id,
        operator);
  }

  // ------------------------------------------------------------------------- nodes

  @Test
  void anOperatorListsSearchesAndCountsOnlyItsOwnNodes() throws Exception {
    JsonNode page = read(mvc.perform(get("/api/v1/nodes").param("size", "500").with(acme())));
    assertThat(page.path("total").asLong()).isEqualTo(2);
    assertThat(ids(page)).containsExactly("portal-acme-1", "portal-acme-2");

    JsonNode searched =
        read(mvc.perform(get("/api/v1/nodes").param("q", "portal-globex").with(acme())));
    assertThat(searched.path("total").asLong()).isZero();
    JsonNode filtered =
        read(
            mvc.perform(
                get("/api/v1/nodes").param("tier", "ORACLE").param("q", "portal").with(acme())));
    assertThat(ids(filtered)).containsExactly("portal-acme-1", "portal-acme-2");

    mvc.perform(get("/api/v1/fleet/health").with(acme()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(2));
    // The admin still sees the whole fleet.
    JsonNode all =
        read(
            mvc.perform(
                get("/api/v1/nodes").param("q", "portal-").with(httpBasic("admin", PASSWORD))));
    assertThat(ids(all)).contains("portal-acme-1", "portal-acme-2", "portal-globex-1");
  }

  @Test
  void anotherOperatorsNode_isNotFound_exactlyLikeAMissingOne() throws Exception {
    mvc.perform(get("/api/v1/nodes/portal-acme-1").with(acme()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.node.operatorId").value(ACME));
    String foreign =
        mvc.perform(get("/api/v1/nodes/portal-globex-1").with(acme()))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String missing =
        mvc.perform(get("/api/v1/nodes/portal-nobody-1").with(acme()))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json.readTree(foreign).path("detail").asText().replace("globex", "X"))
        .isEqualTo(json.readTree(missing).path("detail").asText().replace("nobody", "X"));
    mvc.perform(get("/api/v1/traces").param("node", "portal-globex-1").with(acme()))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/traces").param("node", "portal-acme-1").with(acme()))
        .andExpect(status().isOk());
    mvc.perform(get("/api/v1/traces").param("deployment", "rollout-x").with(acme()))
        .andExpect(status().isForbidden());
  }

  // ------------------------------------------------------------------------ alerts

  @Test
  void anOperatorReadsOnlyTheAlertsAboutItsOwnNodes() throws Exception {
    jdbc.execute("TRUNCATE alert_deliveries, alerts");
    Instant now = Instant.now();
    long own = alerts.open(offline("portal-acme-1"), now, null).id();
    long foreign = alerts.open(offline("portal-globex-1"), now, null).id();
    long mixed = alerts.open(offline("portal-acme-2", "portal-globex-1"), now, null).id();

    JsonNode listed = read(mvc.perform(get("/api/v1/alerts").with(acme())));
    List<Long> ids = new ArrayList<>();
    listed.forEach(alert -> ids.add(alert.path("id").asLong()));
    assertThat(ids).containsExactly(own);
    mvc.perform(get("/api/v1/alerts/" + own).with(acme())).andExpect(status().isOk());
    mvc.perform(get("/api/v1/alerts/" + foreign).with(acme())).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/alerts/" + mixed).with(acme())).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/alerts/silences").with(acme()))
        .andExpect(status().isOk())
        .andExpect(content().json("[]"));
    JsonNode adminView =
        read(mvc.perform(get("/api/v1/alerts").with(httpBasic("admin", PASSWORD))));
    assertThat(adminView.size()).isEqualTo(3);
  }

  private static Finding offline(String... nodes) {
    return new Finding(
        "NodeOffline",
        "NodeOffline/" + String.join(",", nodes),
        Severity.WARNING,
        String.join(", ", nodes) + " silent",
        Map.of(),
        List.of(nodes),
        List.of(),
        "docs/alerts.md#nodeoffline");
  }

  // ----------------------------------------------------------------- API tokens

  @Test
  void anOperatorsApiToken_isBoundToItsOperator_andScopedTheSame() throws Exception {
    String token = token(acme(), "portal-ci");
    JsonNode page =
        read(mvc.perform(get("/api/v1/nodes").header("Authorization", "Bearer " + token)));
    assertThat(ids(page)).containsExactly("portal-acme-1", "portal-acme-2");
    mvc.perform(get("/api/v1/nodes/portal-globex-1").header("Authorization", "Bearer " + token))
        .andExpect(status().isNotFound());
    assertThat(
            jdbc.queryForObject(
                "SELECT operator_id FROM api_tokens WHERE owner = ? AND name = 'portal-ci'"
                    + " AND revoked_at IS NULL",
                String.class,
                ACME_LOGIN))
        .isEqualTo(ACME);

    // Each operator lists its own tokens only.
    token(globex(), "globex-ci");
    JsonNode mine = read(mvc.perform(get("/api/v1/tokens").with(acme())));
    List<String> names = new ArrayList<>();
    mine.forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).contains("portal-ci").doesNotContain("globex-ci");
  }

  @Test
  void aDisabledLogin_cannotSignIn_norUseItsTokens() throws Exception {
    String token = token(acme(), "before-disable");
    mvc.perform(get("/api/v1/nodes").with(acme())).andExpect(status().isOk());

    mvc.perform(
            post("/api/v1/operators/" + ACME + "/logins/" + ACME_LOGIN + "/disable")
                .header("X-Requested-By", "tests")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.disabledBy").value("admin"));

    // Also within the password check's cache window.
    mvc.perform(get("/api/v1/nodes").with(acme())).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/v1/nodes").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/api/v1/operators/" + ACME + "/logins/" + ACME_LOGIN + "/disable")
                .header("X-Requested-By", "tests")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isNotFound());
    assertThat(audited("operator-login.disabled", ACME)).isPositive();
  }

  // --------------------------------------------------------- admin: bad input

  @Test
  void badLoginRequests_areRefusedWithAReason_auditedAndNothingWritten() throws Exception {
    long logins = jdbc.queryForObject("SELECT count(*) FROM operator_logins", Long.class);
    long refusals = audited("operator-login.request-refused", "no-such-operator");
    createLogin("no-such-operator", "{\"username\": \"someone\"}")
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("no operator with id 'no-such-operator'"));
    assertThat(audited("operator-login.request-refused", "no-such-operator"))
        .isEqualTo(refusals + 1);

    createLogin(ACME, "{\"username\": \"%s\"}".formatted(GLOBEX_LOGIN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("is taken")));
    createLogin(ACME, "{\"username\": \"admin\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("is taken")));
    createLogin(ACME, "{\"username\": \"Bad Name\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("username must be")));
    createLogin(ACME, "{\"username\": \"acme-two\", \"password\": \"short\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("at least 12")));
    createLogin(ACME, "{\"username\": \"acme-two\", \"password\": \"my-acme-two-password\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("must not contain the username")));
    createLogin(ACME, "{\"username\": \"acme-two\", \"password\": \"aaaaaaaaaaaaaaaa\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("5 different characters")));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_logins", Long.class))
        .isEqualTo(logins);

    // Only admins manage logins; an operator cannot make itself another.
    mvc.perform(
            post("/api/v1/operators/" + ACME + "/logins")
                .with(httpBasic("sre", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"acme-three\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/operators/" + ACME + "/logins").with(acme()))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/operators/" + ACME + "/logins").with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].username").value(ACME_LOGIN))
        .andExpect(jsonPath("$[0].passwordHash").doesNotExist());
  }

  @Test
  void anAdminMadeLogin_signsInWithItsGeneratedPassword_andPasswordsAreStoredAsBcrypt()
      throws Exception {
    mvc.perform(get("/api/v1/nodes").with(globex()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1));
    mvc.perform(get("/api/v1/nodes").with(httpBasic(GLOBEX_LOGIN, "wrong-password-1")))
        .andExpect(status().isUnauthorized());
    String hash =
        jdbc.queryForObject(
            "SELECT password_hash FROM operator_logins WHERE username = ?",
            String.class,
            GLOBEX_LOGIN);
    assertThat(hash).startsWith("$2").doesNotContain(globexPassword);
    assertThat(audited("operator-login.created", GLOBEX)).isPositive();
  }

  // ---------------------------------------------------------------- approval

  @Test
  void approvingAnApplication_makesTheApplicantsLogin_whichSeesOnlyItsOwnApplications()
      throws Exception {
    String address = address();
    String id = apply("Portal Applicant Ltd", address);
    String other = apply("Someone Else Ltd", address());
    JsonNode approval =
        read(
            mvc.perform(
                post("/api/v1/applications/" + id + "/approve")
                    .header("X-Requested-By", "tests")
                    .with(httpBasic("admin", PASSWORD))));
    JsonNode login = approval.path("operatorLogin");
    assertThat(login.path("operatorId").asText()).isEqualTo(address);
    String username = login.path("username").asText();
    assertThat(username).startsWith("portal-applicant-ltd");
    String password = login.path("initialPassword").asText();
    RequestPostProcessor applicant = httpBasic(username, password);

    JsonNode page = read(mvc.perform(get("/api/v1/applications").with(applicant)));
    assertThat(page.path("total").asInt()).isEqualTo(1);
    assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(id);
    mvc.perform(get("/api/v1/applications/" + id).with(applicant)).andExpect(status().isOk());
    mvc.perform(get("/api/v1/applications/" + other).with(applicant))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/nodes").with(applicant))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(0));
    mvc.perform(
            post("/api/v1/applications/" + other + "/approve")
                .header("X-Requested-By", "tests")
                .with(applicant))
        .andExpect(status().isForbidden());

    // The same operator's next application gets no second login.
    String again = apply("Portal Applicant Ltd", address);
    mvc.perform(
            post("/api/v1/applications/" + again + "/approve")
                .header("X-Requested-By", "tests")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.operatorLogin").doesNotExist());
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM operator_logins WHERE operator_id = ?", Long.class, address))
        .isEqualTo(1);
  }

  private String apply(String operator, String address) throws Exception {
    String id =
        read(mvc.perform(
                post("/api/v1/applications")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        """
                            {"operatorName": "%s", "contact": "ops@example.org", "tier": "ALL",
                             "region": "eu-west", "signingAddress": "%s"}
                            """
                            .formatted(operator, address))))
            .path("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM node_applications WHERE id = ?", Long.class, id)
                    == 1);
    return id;
  }

  private static String address() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  // ------------------------------------------------------------------ helpers

  private ResultActions createLogin(String operator, String body) throws Exception {
    return mvc.perform(
        post("/api/v1/operators/" + operator + "/logins")
            .with(httpBasic("admin", PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private String token(RequestPostProcessor who, String name) throws Exception {
    MockHttpServletRequestBuilder request =
        post("/api/v1/tokens")
            .with(who)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"name\": \"%s\", \"roles\": [\"OPERATOR\"], \"expiresInDays\": 1}"
                    .formatted(name));
    jdbc.update(
        "UPDATE api_tokens SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL", name);
    return read(mvc.perform(request).andExpect(status().isCreated())).path("token").asText();
  }

  private long audited(String action, String operator) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = ? AND subject = ?",
        Long.class,
        action,
        "operator:" + operator);
  }

  private static RequestPostProcessor acme() {
    return httpBasic(ACME_LOGIN, ACME_PASSWORD);
  }

  private RequestPostProcessor globex() {
    return httpBasic(GLOBEX_LOGIN, globexPassword);
  }

  private JsonNode read(ResultActions result) throws Exception {
    return json.readTree(
        result
            .andExpect(status().is2xxSuccessful())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(node -> ids.add(node.path("id").asText()));
    return ids;
  }
}
