package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.worker.governance.GovernanceProperties;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Governance end to end on the platform {@code noderr up} starts, with its own dev chain. Two
 * operators stake from their own keys and are approved (each gets its login; the second registers a
 * node). Three proposals run side by side:
 *
 * <ul>
 *   <li>A, proposed <b>from the second operator's node</b> ({@code noderr propose --sign-only},
 *       then {@code noderr agent propose}), both operators vote for it with {@code noderr vote}: it
 *       passes its quorum, waits out the timelock, executes, and the platform applies the new
 *       value, shown in the console's Governance view in Chromium
 *       (docs/screenshots/governance.png);
 *   <li>B, which the first operator's larger stake votes down ({@code noderr vote --against}) while
 *       the second votes for it <b>in the operator portal</b>, signing with a browser wallet:
 *       DEFEATED;
 *   <li>C, which passes and is queued, then <b>vetoed by the guardian</b>: the multisig's signers
 *       cancel it on the timelock through the platform's emergency procedure: CANCELED.
 * </ul>
 *
 * <p>The dev chain's windows are minutes (vote after 1, for 10; 2 minutes of timelock): the test
 * moves the chain's clock ({@code evm_increaseTime}) and tells the workflows, as the follower's
 * next event would.
 */
class GovernanceIT {

  private static final String PASSWORD = "noderr-demo";
  private static final Pattern PROPOSAL = Pattern.compile("proposal (\\d+) (?:by \\S+ )?submitted");
  private static final Pattern EMERGENCY = Pattern.compile("proposed (emergency-[0-9]+)");

  @TempDir Path dataDir;
  @TempDir Path work;

  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;
  private String rpc;
  private Path keys;

  @Test
  void operatorsProposeFromANodeAndVote_passedExecutes_defeatedStays_vetoedIsCanceled()
      throws Exception {
    try (ConfigurableApplicationContext started = EmbeddedPlatforms.startWithDevChain(dataDir, 0)) {
      platform = started;
      base = EmbeddedPlatforms.baseUrl(platform);
      api = new PlatformApi(base);
      rpc = platform.getEnvironment().getProperty("noderr.chain.embedded-url");
      keys = dataDir.resolve("chain/keys");

      DevChainStakes.stake(platform, keys, 1, 20_000);
      DevChainStakes.stake(platform, keys, 2, 10_000);
      // Votes count from the second after staking; an idle dev chain's clock stands still.
      moveChainClock(Duration.ofSeconds(2));
      Approved first = approve(1, "ORACLE");
      Approved second = approve(2, "ALL");
      Path node = registerNode(second.installToken());

      String passing = proposeFromNode(second, node, 10, "First cohorts of 10 % instead of 5 %");
      String defeated = propose(second, 20, "First cohorts of 20 %");
      String vetoed = propose(first, 30, "First cohorts of 30 %");
      List<String> all = List.of(passing, defeated, vetoed);

      awaitStates(all, "PENDING");
      advance(all, Duration.ofMinutes(1).plusSeconds(5));
      awaitStates(all, "ACTIVE");

      vote(first, passing, "--for");
      vote(second, passing, "--for");
      // A second ballot of the same voter is refused before anything is relayed.
      CliProcess.Result twice = cli(second, voteArguments(second, passing, "--against"));
      assertThat(twice.exitCode()).isNotZero();
      vote(first, vetoed, "--for");
      vote(second, vetoed, "--for");
      vote(first, defeated, "--against");
      voteInThePortalWithABrowserWallet(second, defeated);

      advance(all, Duration.ofMinutes(10).plusSeconds(5));
      awaitStates(List.of(passing, vetoed), "QUEUED");
      awaitStates(List.of(defeated), "DEFEATED");
      JsonNode votedDown = api.get("/api/v1/governance/proposals/" + defeated, "sre");
      assertThat(votedDown.path("forVotes").asText())
          .isEqualTo(GovernanceSettings.nodr(10_000).toString());
      assertThat(votedDown.path("againstVotes").asText())
          .isEqualTo(GovernanceSettings.nodr(20_000).toString());

      // A veto names the timelock operation, which the follower records from the queue's event.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  api.get("/api/v1/governance/proposals/" + vetoed, "sre")
                      .path("queuedTransaction")
                      .isTextual());
      vetoAsTheGuardian(vetoed);
      awaitStates(List.of(vetoed), "CANCELED");

      advance(List.of(passing), Duration.ofMinutes(2).plusSeconds(5));
      awaitStates(List.of(passing), "EXECUTED");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(applied("rollout.canaryPercent"))
                      .as("the platform applies the executed change, and only that one")
                      .isEqualTo("10"));

      // Every staker for an admin; an operator login reads its own stake only.
      assertThat(api.get("/api/v1/governance/stakes", "admin")).hasSize(2);
      assertThat(api.getAs("/api/v1/governance/stakes", second.username(), second.password()))
          .singleElement()
          .satisfies(
              stake ->
                  assertThat(stake.path("address").asText())
                      .isEqualTo(DemoOperators.addresses().get(1).value()));

      try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
        browser.signIn(first.username(), first.password());
        browser.open("/governance");
        browser.waitForElement("governance-proposals");
        browser.waitForText("EXECUTED");
        browser.waitForText("DEFEATED");
        browser.waitForText("CANCELED");
        browser.waitForText("rollout.canaryPercent → 10");
        browser.screenshot(Path.of("../docs/screenshots/governance.png"));
      }
    }
  }

  /** An operator as its approval answered it: its login (the password shown once), its token. */
  private record Approved(int operator, String username, String password, String installToken) {}

  /** Applies for {@code operator}'s signing address and approves it as an admin. */
  private Approved approve(int operator, String tier) throws Exception {
    String application =
        api.apply(tier, "eu-west", DemoOperators.addresses().get(operator - 1).value());
    HttpResponse<String> approved =
        api.post("/api/v1/applications/" + application + "/approve", "admin");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode answer = PlatformApi.json(approved);
    JsonNode login = answer.path("operatorLogin");
    return new Approved(
        operator,
        login.path("username").asText(),
        login.path("initialPassword").asText(),
        answer.path("installToken").asText());
  }

  /** Registers the operator's node with its install token (a software key), as install.sh does. */
  private Path registerNode(String installToken) throws Exception {
    Path state = work.resolve("node");
    CliProcess.Result registered =
        CliProcess.agent(
            Map.of("NODERR_INSTALL_TOKEN", installToken),
            List.of(
                "--platform",
                base.toString(),
                "--state-dir",
                state.toString(),
                "--tpm",
                "none",
                "--register-only"));
    assertThat(registered.exitCode()).as(registered.output()).isZero();
    return state;
  }

  /** The operator signs offline ({@code --sign-only}), the node submits it with its session. */
  private String proposeFromNode(Approved operator, Path node, int canaryPercent, String text)
      throws Exception {
    Path signed = work.resolve("proposal-" + canaryPercent + ".json");
    List<String> arguments = new ArrayList<>(proposeArguments(operator, canaryPercent, text));
    arguments.addAll(List.of("--sign-only", "--out", signed.toString()));
    CliProcess.Result written = cli(operator, arguments);
    assertThat(written.exitCode()).as(written.output()).isZero();

    CliProcess.Result submitted =
        CliProcess.agent(
            Map.of(),
            List.of(
                "--platform",
                base.toString(),
                "--state-dir",
                node.toString(),
                "--tpm",
                "none",
                "propose",
                "--proposal-file",
                signed.toString()));
    assertThat(submitted.exitCode()).as(submitted.output()).isZero();
    assertThat(submitted.output()).contains("submitted through node");
    return proposalId(submitted.output());
  }

  private String propose(Approved operator, int canaryPercent, String text) throws Exception {
    CliProcess.Result proposed = cli(operator, proposeArguments(operator, canaryPercent, text));
    assertThat(proposed.exitCode()).as(proposed.output()).isZero();
    return proposalId(proposed.output());
  }

  private List<String> proposeArguments(Approved operator, int canaryPercent, String text)
      throws Exception {
    return List.of(
        "propose",
        "--platform",
        base.toString(),
        "--user",
        operator.username(),
        "--parameter",
        "rollout.canaryPercent",
        "--value",
        String.valueOf(canaryPercent),
        "--description",
        text,
        "--keystore",
        keys.resolve("operator-" + operator.operator() + ".json").toString(),
        "--rpc",
        rpc,
        "--yes");
  }

  private static String proposalId(String output) {
    Matcher id = PROPOSAL.matcher(output);
    assertThat(id.find()).as(output).isTrue();
    return id.group(1);
  }

  private void vote(Approved operator, String proposalId, String support) throws Exception {
    CliProcess.Result voted = cli(operator, voteArguments(operator, proposalId, support));
    assertThat(voted.exitCode()).as(voted.output()).isZero();
    assertThat(voted.output()).contains("counted with weight");
  }

  private List<String> voteArguments(Approved operator, String proposalId, String support) {
    return List.of(
        "vote",
        proposalId,
        support,
        "--platform",
        base.toString(),
        "--user",
        operator.username(),
        "--keystore",
        keys.resolve("operator-" + operator.operator() + ".json").toString(),
        "--yes");
  }

  /**
   * The operator's portal: the ballot's typed data goes to the browser wallet (a test wallet whose
   * signature the test made with the operator's key), the platform relays what the wallet signed.
   */
  private void voteInThePortalWithABrowserWallet(Approved operator, String proposalId)
      throws Exception {
    Address voter = DemoOperators.addresses().get(operator.operator() - 1);
    GovernorBallot ballot =
        new GovernorBallot(
            DevChain.CHAIN_ID,
            platform.getBean(GovernanceProperties.class).governorAddress(),
            new BigInteger(proposalId),
            GovernorBallot.FOR,
            voter,
            governorNonce(voter));
    String signature = ballot.sign(DemoOperators.key(operator.operator()));
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      browser.signIn(operator.username(), operator.password());
      browser.open("/governance");
      browser.waitForElement("governance-proposals");
      browser.clickText(
          proposalId.substring(0, 6) + "…" + proposalId.substring(proposalId.length() - 4));
      browser.waitForElement("ballot-area");
      // The operator's wallet: it remembers what it was asked to sign and answers the signature.
      browser.run(
          "const signature = arguments[0];"
              + " window.ethereum = {request: async (call) => {"
              + " window.askedToSign = JSON.stringify(call); return signature; }};",
          signature);
      browser.click("ballot-sign-wallet");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  signature.equals(
                      browser.run("return document.getElementById('ballot-signature').value")));
      assertThat(String.valueOf(browser.run("return window.askedToSign")))
          .contains("eth_signTypedData_v4")
          .contains(voter.value())
          .contains("Ballot");
      browser.click("ballot-relay");
      browser.waitForText("vote FOR counted with weight 10000 NODR");
    }
  }

  private BigInteger governorNonce(Address voter) throws Exception {
    Web3j chain = Web3j.build(new HttpService(rpc));
    try {
      return NoderrGovernor.load(
              platform.getBean(GovernanceProperties.class).governorAddress().value(),
              chain,
              new ReadonlyTransactionManager(chain, voter.value()),
              new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO))
          .nonces(voter.value())
          .send();
    } finally {
      chain.shutdown();
    }
  }

  /**
   * The guardian's veto through the platform's emergency procedure: signer 2 proposes it and signs
   * at once, signer 3's signature reaches the multisig's threshold (2 of 3), the platform relays
   * {@code cancelQueued} to the timelock.
   */
  private void vetoAsTheGuardian(String proposalId) throws Exception {
    CliProcess.Result proposed =
        asSigner(
            2,
            "propose",
            "--action",
            "veto-proposal",
            "--proposal",
            proposalId,
            "--reason",
            "30 % canaries put too much of the fleet at risk",
            "--sign-with",
            keys.resolve("signer-2.json").toString(),
            "--yes");
    assertThat(proposed.exitCode()).as(proposed.output()).isZero();
    Matcher emergency = EMERGENCY.matcher(proposed.output());
    assertThat(emergency.find()).as(proposed.output()).isTrue();

    CliProcess.Result signed =
        asSigner(
            3,
            "sign",
            emergency.group(1),
            "--key",
            keys.resolve("signer-3.json").toString(),
            "--yes");
    assertThat(signed.exitCode()).as(signed.output()).isZero();
  }

  private CliProcess.Result asSigner(int number, String... args) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("emergency", args[0], "--platform"));
    arguments.add(base.toString());
    arguments.addAll(List.of(args).subList(1, args.length));
    return CliProcess.run(
        Map.of(
            "NODERR_USER",
            "signer" + number,
            "NODERR_PASSWORD",
            PASSWORD,
            "NODERR_KEYSTORE_PASSWORD",
            PASSWORD),
        arguments);
  }

  private CliProcess.Result cli(Approved operator, List<String> arguments) throws Exception {
    return CliProcess.run(
        Map.of("NODERR_PASSWORD", operator.password(), "NODERR_KEYSTORE_PASSWORD", PASSWORD),
        arguments);
  }

  private void awaitStates(List<String> proposalIds, String state) {
    for (String proposalId : proposalIds) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/api/v1/governance/proposals/" + proposalId, "sre")
                              .path("state")
                              .asText())
                      .as("proposal " + proposalId)
                      .isEqualTo(state));
    }
  }

  private String applied(String name) throws Exception {
    for (JsonNode parameter : api.get("/api/v1/governance", "sre").path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter.path("applied").asText();
      }
    }
    return null;
  }

  /** Moves the chain's clock and tells the proposals' workflows, as the follower's next event. */
  private void advance(List<String> proposalIds, Duration by) throws Exception {
    moveChainClock(by);
    WorkflowClient client = platform.getBean(WorkflowClient.class);
    for (String proposalId : proposalIds) {
      client
          .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
          .chainChanged(new ChainChange("test: chain time advanced", null));
    }
  }

  private void moveChainClock(Duration by) throws Exception {
    HttpService chain = new HttpService(rpc);
    new Request<>("evm_increaseTime", List.of(by.toSeconds()), chain, Response.class).send();
    new Request<>("evm_mine", List.of(), chain, Response.class).send();
  }
}
