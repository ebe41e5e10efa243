package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Governance end to end on the platform {@code noderr up} starts, with its own dev chain: two
 * operators stake from their own keys and are approved (each gets its login), one proposes a
 * parameter change with {@code noderr propose}, both vote with {@code noderr vote}, the proposal
 * passes its quorum, waits out the timelock, executes, and the platform applies the new value —
 * shown in the console's Governance view in Chromium (docs/screenshots/governance.png).
 *
 * <p>The dev chain's windows are minutes (vote after 1, for 10; 2 minutes of timelock): the test
 * moves the chain's clock ({@code evm_increaseTime}) and tells the workflow, as the follower's next
 * event would.
 */
class GovernanceIT {

  private static final String PASSWORD = "noderr-demo";
  private static final Pattern PROPOSAL = Pattern.compile("proposal (\\d+) submitted");

  @TempDir Path dataDir;

  @Test
  void operatorsStakeProposeAndVote_theChangeExecutesThroughTheTimelock_andThePlatformApplies()
      throws Exception {
    try (ConfigurableApplicationContext platform =
        EmbeddedPlatforms.startWithDevChain(dataDir, 0)) {
      PlatformApi api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
      String rpc = platform.getEnvironment().getProperty("noderr.chain.embedded-url");
      Path keys = dataDir.resolve("chain/keys");

      DevChainStakes.stake(platform, 1, GovernanceSettings.nodr(20_000));
      DevChainStakes.stake(platform, 2, GovernanceSettings.nodr(10_000));
      // Votes count from the second after staking; an idle dev chain's clock stands still.
      moveChainClock(rpc, Duration.ofSeconds(2));
      Login login1 = approvedLogin(api, 1, "ORACLE");
      Login login2 = approvedLogin(api, 2, "ALL");

      CliProcess.Result proposed =
          cli(
              login1,
              List.of(
                  "propose",
                  "--platform",
                  EmbeddedPlatforms.baseUrl(platform).toString(),
                  "--user",
                  login1.username(),
                  "--parameter",
                  "rollout.canaryPercent",
                  "--value",
                  "10",
                  "--description",
                  "First cohorts of 10 % instead of 5 %",
                  "--keystore",
                  keys.resolve("operator-1.json").toString(),
                  "--rpc",
                  rpc,
                  "--yes"));
      assertThat(proposed.exitCode()).as(proposed.output()).isZero();
      Matcher id = PROPOSAL.matcher(proposed.output());
      assertThat(id.find()).as(proposed.output()).isTrue();
      String proposalId = id.group(1);

      awaitState(api, proposalId, "PENDING");
      advance(platform, rpc, proposalId, Duration.ofMinutes(1).plusSeconds(5));
      awaitState(api, proposalId, "ACTIVE");

      for (int operator = 1; operator <= 2; operator++) {
        CliProcess.Result voted =
            cli(
                operator == 1 ? login1 : login2,
                List.of(
                    "vote",
                    proposalId,
                    "--for",
                    "--platform",
                    EmbeddedPlatforms.baseUrl(platform).toString(),
                    "--user",
                    (operator == 1 ? login1 : login2).username(),
                    "--keystore",
                    keys.resolve("operator-" + operator + ".json").toString(),
                    "--yes"));
        assertThat(voted.exitCode()).as(voted.output()).isZero();
        assertThat(voted.output()).contains("vote FOR counted with weight");
      }
      // A second ballot of the same voter is refused before anything is relayed.
      CliProcess.Result twice =
          cli(
              login2,
              List.of(
                  "vote",
                  proposalId,
                  "--against",
                  "--platform",
                  EmbeddedPlatforms.baseUrl(platform).toString(),
                  "--user",
                  login2.username(),
                  "--keystore",
                  keys.resolve("operator-2.json").toString(),
                  "--yes"));
      assertThat(twice.exitCode()).isNotZero();

      advance(platform, rpc, proposalId, Duration.ofMinutes(10).plusSeconds(5));
      awaitState(api, proposalId, "QUEUED");
      advance(platform, rpc, proposalId, Duration.ofMinutes(2).plusSeconds(5));
      awaitState(api, proposalId, "EXECUTED");

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(applied(api, "rollout.canaryPercent"))
                      .isEqualTo("10")
                      .as("the platform applies the executed change"));

      // Every staker for an admin; an operator login reads its own stake only.
      assertThat(api.get("/api/v1/governance/stakes", "admin")).hasSize(2);
      assertThat(api.getAs("/api/v1/governance/stakes", login2.username(), login2.password()))
          .singleElement()
          .satisfies(
              stake ->
                  assertThat(stake.path("address").asText())
                      .isEqualTo(DemoOperators.addresses().get(1).value()));

      try (ConsoleBrowser browser = new ConsoleBrowser(EmbeddedPlatforms.baseUrl(platform))) {
        browser.signIn(login1.username(), login1.password());
        browser.open("/governance");
        browser.waitForElement("governance-proposals");
        browser.waitForText("EXECUTED");
        browser.waitForText("rollout.canaryPercent → 10");
        browser.screenshot(Path.of("../docs/screenshots/governance.png"));
      }
    }
  }

  /** An operator's console login, as its approval answered it (the password shown once). */
  private record Login(String username, String password) {}

  /** Applies for {@code operator}'s signing address, approves, returns the login it created. */
  private static Login approvedLogin(PlatformApi api, int operator, String tier) throws Exception {
    String application =
        api.apply(tier, "eu-west", DemoOperators.addresses().get(operator - 1).value());
    HttpResponse<String> approved =
        api.post("/api/v1/applications/" + application + "/approve", "admin");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode login = PlatformApi.json(approved).path("operatorLogin");
    return new Login(login.path("username").asText(), login.path("initialPassword").asText());
  }

  private static CliProcess.Result cli(Login login, List<String> arguments) throws Exception {
    return CliProcess.run(
        Map.of("NODERR_PASSWORD", login.password(), "NODERR_KEYSTORE_PASSWORD", PASSWORD),
        arguments);
  }

  private static void awaitState(PlatformApi api, String proposalId, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/governance/proposals/" + proposalId, "sre")
                            .path("state")
                            .asText())
                    .isEqualTo(state));
  }

  private static String applied(PlatformApi api, String name) throws Exception {
    for (JsonNode parameter : api.get("/api/v1/governance", "sre").path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter.path("applied").asText();
      }
    }
    return null;
  }

  /** Moves the chain's clock and tells the proposal's workflow, as the follower's next event. */
  private static void advance(
      ConfigurableApplicationContext platform, String rpc, String proposalId, Duration by)
      throws Exception {
    moveChainClock(rpc, by);
    platform
        .getBean(WorkflowClient.class)
        .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
        .chainChanged(new ChainChange("test: chain time advanced", null));
  }

  private static void moveChainClock(String rpc, Duration by) throws Exception {
    HttpService chain = new HttpService(rpc);
    new Request<>("evm_increaseTime", List.of(by.toSeconds()), chain, Response.class).send();
    new Request<>("evm_mine", List.of(), chain, Response.class).send();
  }
}
