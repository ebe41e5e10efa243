package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.SoftwareNodeKey;
import io.noderr.agent.platform.JsonApi;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import io.noderr.worker.governance.GovernanceProperties;
import io.noderr.worker.treasury.EconomicsProperties;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Economics end to end on the platform {@code noderr up} starts, with its dev chain (30-second
 * reward epochs, a 10-second pending delay, short dispute windows) and a small simulated fleet
 * whose operators have no payout address. Three demo operators stake from their own keys, are
 * approved and run a node each, reporting like agents:
 *
 * <ul>
 *   <li>the <b>good</b> operator is paid every epoch;
 *   <li>the <b>flaky</b> one goes silent for longer than an epoch: that epoch its node is below the
 *       minimum uptime and it earns nothing;
 *   <li>the <b>slashed</b> one is taken to a dispute by an admin, answers with {@code noderr
 *       dispute answer}, two of the three signers vote SLASH with {@code noderr dispute vote}, the
 *       appeal window passes, its stake is slashed on chain and its node is excluded from that
 *       epoch's rewards.
 * </ul>
 *
 * Two of the three signers sign every epoch's root over the REST API as epochs come; the operators
 * then claim with {@code noderr claim}, receiving exactly what the platform computed; the treasury
 * ledger mirrored from the chain matches the chain's balances. Chromium screenshots of the Rewards
 * and Treasury views go to docs/screenshots.
 */
class EconomicsIT {

  private static final String PASSWORD = ChainPlatforms.PASSWORD;
  private static final Duration REPORT_EVERY = Duration.ofSeconds(2);
  private static final Pattern DISPUTE = Pattern.compile("\"disputeId\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path dataDir;
  @TempDir Path work;

  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;
  private Path keys;
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);

  /** Nodes whose reports are paused (the flaky operator's while it is "down"). */
  private final Set<String> silent = ConcurrentHashMap.newKeySet();

  @Test
  void epochsPay_theFlakyEarnsLess_theSlashedIsExcluded_claimsMatch_andTheLedgerMatchesTheChain()
      throws Exception {
    try (ConfigurableApplicationContext started =
        EmbeddedPlatforms.startWithDevChain(
            dataDir, 3, "--noderr.economics.reconcile-interval=2s")) {
      platform = started;
      base = EmbeddedPlatforms.baseUrl(platform);
      api = new PlatformApi(base);
      keys = dataDir.resolve("chain/keys");
      try {
        background.scheduleWithFixedDelay(
            this::signRootsAwaitingSignatures, 1, 1, TimeUnit.SECONDS);
        Operator good = join(1, 20_000);
        Operator flaky = join(2, 10_000);
        Operator slashed = join(3, 10_000);

        long allPaid = awaitClaimableEpoch(epoch -> paid(epoch).size() == 3, "all three paid");

        silent.add(flaky.nodeId());
        long flakyDown =
            awaitClaimableEpoch(
                epoch ->
                    "BELOW_MINIMUM_UPTIME"
                            .equals(outcome(epoch, flaky.nodeId()).path("status").asText())
                        && paid(epoch).contains(good.address()),
                "the flaky operator's node below the minimum uptime");
        silent.remove(flaky.nodeId());
        assertThat(paid(flakyDown)).doesNotContain(flaky.address());

        BigInteger stakeBefore = stake(slashed);
        String dispute = slash(slashed);
        assertThat(stake(slashed)).isLessThan(stakeBefore);
        long excluded =
            awaitClaimableEpoch(
                epoch ->
                    "EXCLUDED".equals(outcome(epoch, slashed.nodeId()).path("status").asText()),
                "the slashed operator's node excluded");
        assertThat(outcome(excluded, slashed.nodeId()).path("reason").asText()).contains(dispute);
        assertThat(paid(excluded)).doesNotContain(slashed.address());
        assertThat(List.of(allPaid, flakyDown, excluded)).doesNotHaveDuplicates();

        claimInThePortal(good, allPaid);
        for (Operator operator : List.of(good, flaky, slashed)) {
          claimAndCheck(operator);
        }
        awaitLedgerMatchesTheChain();
        screenshots();
      } finally {
        background.shutdownNow();
      }
    }
  }

  // ------------------------------------------------------------------------------ operators

  /** A demo operator approved with a login and a node that reports as its agent would. */
  private record Operator(int number, String username, String password, String nodeId) {
    String address() {
      return DemoOperators.addresses().get(number - 1).value();
    }
  }

  /** Stakes from the operator's own keystore, applies, is approved and starts its node. */
  private Operator join(int number, long nodr) throws Exception {
    DevChainStakes.stake(platform, keys, number, nodr);
    String application =
        api.apply("ALL", "eu-west", DemoOperators.addresses().get(number - 1).value());
    HttpResponse<String> approved =
        api.post("/api/v1/applications/" + application + "/approve", "admin");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode answer = PlatformApi.json(approved);
    Path state = Files.createDirectories(work.resolve("node-" + number));
    Session session =
        new NodeLogin(
                new AuthClient(new JsonApi(base)), new IdentityFile(state), base, Clock.systemUTC())
            .register(answer.path("installToken").asText(), "ALL", SoftwareNodeKey.load(state));
    HttpResponse<String> first = api.telemetry(session.token(), session.nodeId(), "HEALTHY");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    background.scheduleWithFixedDelay(
        () -> report(session), 0, REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    JsonNode login = answer.path("operatorLogin");
    return new Operator(
        number,
        login.path("username").asText(),
        login.path("initialPassword").asText(),
        session.nodeId());
  }

  /** A heartbeat and a HEALTHY telemetry report, unless the node is silent. */
  private void report(Session session) {
    if (silent.contains(session.nodeId())) {
      return;
    }
    try {
      api.heartbeat(session.token(), session.nodeId());
      api.telemetry(session.token(), session.nodeId(), "HEALTHY");
    } catch (Exception e) {
      // The next report comes in two seconds; a missed one is what uptime measures.
    }
  }

  // ------------------------------------------------------------------------------ epochs

  private interface EpochCondition {
    boolean holds(long epoch) throws Exception;
  }

  /**
   * The first CLAIMABLE epoch, from now on, for which the condition holds; on a timeout the failure
   * shows the latest epochs and their nodes' outcomes.
   */
  private long awaitClaimableEpoch(EpochCondition condition, String what) throws Exception {
    try {
      return firstClaimableEpoch(condition, what);
    } catch (ConditionTimeoutException timeout) {
      StringBuilder seen = new StringBuilder(what + " never came; the latest epochs:");
      for (JsonNode epoch : api.get("/api/v1/rewards/epochs?size=3", "admin").path("items")) {
        long number = epoch.path("epoch").asLong();
        seen.append("\n").append(epoch).append("\n  nodes: ");
        seen.append(api.get("/api/v1/rewards/epochs/" + number + "/nodes", "admin"));
      }
      throw new AssertionError(seen.toString(), timeout);
    }
  }

  private long firstClaimableEpoch(EpochCondition condition, String what) {
    long[] found = new long[1];
    await(what)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              for (JsonNode epoch :
                  api.get("/api/v1/rewards/epochs?size=10", "admin").path("items")) {
                long number = epoch.path("epoch").asLong();
                if ("CLAIMABLE".equals(epoch.path("stage").asText()) && condition.holds(number)) {
                  found[0] = number;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  /** Signers 1 and 2 sign every epoch root awaiting signatures, as they would from the console. */
  private void signRootsAwaitingSignatures() {
    try {
      for (JsonNode summary : api.get("/api/v1/rewards/epochs?size=5", "signer1").path("items")) {
        if (!"AWAITING_SIGNATURES".equals(summary.path("stage").asText())) {
          continue;
        }
        long epoch = summary.path("epoch").asLong();
        JsonNode signing = api.get("/api/v1/rewards/epochs/" + epoch, "signer1").path("signing");
        byte[] digest = HexFormat.of().parseHex(signing.path("digest").asText().substring(2));
        for (int signer = 1; signer <= 2; signer++) {
          Address address = Signatures.addressOf(DemoSigners.key(signer));
          if (signing.path("signed").toString().contains(address.value())) {
            continue;
          }
          api.post(
              "/api/v1/rewards/epochs/" + epoch + "/signatures",
              "signer" + signer,
              Map.of(
                  "signer",
                  address.value(),
                  "signature",
                  Signatures.sign(digest, DemoSigners.key(signer))));
        }
      }
    } catch (Exception e) {
      // Signers come back every second; a refusal (the epoch moved on) is theirs to ignore.
    }
  }

  private List<String> paid(long epoch) throws Exception {
    List<String> addresses = new ArrayList<>();
    for (JsonNode payout : api.get("/api/v1/rewards/epochs/" + epoch + "/payouts", "admin")) {
      addresses.add(payout.path("address").asText());
    }
    return addresses;
  }

  private JsonNode outcome(long epoch, String nodeId) throws Exception {
    for (JsonNode node : api.get("/api/v1/rewards/epochs/" + epoch + "/nodes", "admin")) {
      if (nodeId.equals(node.path("nodeId").asText())) {
        return node;
      }
    }
    return MissingNode.getInstance();
  }

  // ------------------------------------------------------------------------------ slashing

  /**
   * An admin opens a dispute with evidence; the operator answers with its own key; two signers vote
   * SLASH; the appeal window passes; the slashing executes. Returns the dispute's id.
   */
  private String slash(Operator operator) throws Exception {
    HttpResponse<String> opened =
        api.post(
            "/api/v1/disputes",
            "admin",
            Map.of(
                "nodeId",
                operator.nodeId(),
                "cause",
                "ADMIN",
                "evidence",
                "served a forged price feed at 10:42 (signed report 0x5e1f attached)"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    Matcher id = DISPUTE.matcher(opened.body());
    assertThat(id.find()).as(opened.body()).isTrue();
    String dispute = id.group(1);
    awaitDispute(dispute, "AWAITING_ANSWER");

    CliProcess.Result answered =
        CliProcess.run(
            Map.of("NODERR_PASSWORD", operator.password(), "NODERR_KEYSTORE_PASSWORD", PASSWORD),
            List.of(
                "dispute",
                "answer",
                dispute,
                "--platform",
                base.toString(),
                "--user",
                operator.username(),
                "--statement",
                "The feed was our upstream's; we have switched providers.",
                "--keystore",
                keys.resolve("operator-" + operator.number() + ".json").toString(),
                "--yes"));
    assertThat(answered.exitCode()).as(answered.output()).isZero();
    awaitDispute(dispute, "AWAITING_DECISION");

    voteToSlash(dispute);
    // Reward roots publish through the same multisig every 30 s on the dev chain: when one moved
    // its nonce between the decision and the execution, the signers sign the slashing again.
    await("dispute " + dispute + " SLASHED")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode state = api.get("/api/v1/disputes/" + dispute, "admin");
              if ("AWAITING_RESIGNATURES".equals(state.path("stage").asText())
                  && state.path("slashVotes").isEmpty()) {
                voteToSlash(dispute);
              }
              return "SLASHED".equals(state.path("stage").asText());
            });
    return dispute;
  }

  /** Signers 1 and 2 vote SLASH on the dispute's current round with {@code noderr dispute vote}. */
  private void voteToSlash(String dispute) throws Exception {
    for (int signer = 1; signer <= 2; signer++) {
      CliProcess.Result voted =
          CliProcess.run(
              Map.of("NODERR_PASSWORD", "noderr-demo", "NODERR_KEYSTORE_PASSWORD", PASSWORD),
              List.of(
                  "dispute",
                  "vote",
                  dispute,
                  "--slash",
                  "--platform",
                  base.toString(),
                  "--user",
                  "signer" + signer,
                  "--keystore",
                  keys.resolve("signer-" + signer + ".json").toString(),
                  "--yes"));
      assertThat(voted.exitCode()).as(voted.output()).isZero();
    }
  }

  private void awaitDispute(String dispute, String stage) {
    await("dispute " + dispute + " " + stage)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/disputes/" + dispute, "admin").path("stage").asText())
                    .isEqualTo(stage));
  }

  private BigInteger stake(Operator operator) throws Exception {
    return chainCall(
        web3j ->
            NoderrStaking.load(
                    platform.getBean(GovernanceProperties.class).stakingAddress().value(),
                    web3j,
                    new ReadonlyTransactionManager(web3j, operator.address()),
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO))
                .stakeOf(operator.address())
                .send());
  }

  // ------------------------------------------------------------------------------ claims

  /**
   * {@code noderr claim} with the operator's key: afterwards every epoch it was paid in is claimed
   * on chain and its token balance grew by exactly the sum of those payouts.
   */
  private void claimAndCheck(Operator operator) throws Exception {
    BigInteger before = balance(operator.address());
    List<Long> claimedBefore = new ArrayList<>();
    for (JsonNode claim :
        api.get("/api/v1/rewards/claims/" + operator.address(), "admin").path("claims")) {
      if (isClaimed(claim.path("epoch").asLong(), operator.address())) {
        claimedBefore.add(claim.path("epoch").asLong());
      }
    }
    CliProcess.Result claimed =
        CliProcess.run(
            Map.of("NODERR_PASSWORD", operator.password(), "NODERR_KEYSTORE_PASSWORD", PASSWORD),
            List.of(
                "claim",
                "--platform",
                base.toString(),
                "--user",
                operator.username(),
                "--keystore",
                keys.resolve("operator-" + operator.number() + ".json").toString(),
                "--rpc",
                platform.getEnvironment().getProperty("noderr.chain.embedded-url"),
                "--yes"));
    assertThat(claimed.exitCode()).as(claimed.output()).isZero();

    BigInteger expected = BigInteger.ZERO;
    for (JsonNode claim :
        api.get("/api/v1/rewards/claims/" + operator.address(), "admin").path("claims")) {
      long epoch = claim.path("epoch").asLong();
      if (!claimedBefore.contains(epoch) && isClaimed(epoch, operator.address())) {
        expected = expected.add(new BigInteger(claim.path("amount").asText()));
      }
    }
    assertThat(expected).as(claimed.output()).isPositive();
    assertThat(balance(operator.address()).subtract(before)).isEqualTo(expected);
  }

  /**
   * The operator claims one epoch in the portal: the Rewards view hands its browser wallet the
   * distributor's claim call; the wallet (here the test, with the operator's own key) sends exactly
   * that transaction, and the distributor pays the payout.
   */
  private void claimInThePortal(Operator operator, long epoch) throws Exception {
    String root = api.get("/api/v1/rewards/epochs/" + epoch, "admin").path("root").asText();
    BigInteger amount = payoutOf(operator, epoch);
    String walletCall;
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      browser.signIn(operator.username(), operator.password());
      browser.open("/rewards");
      browser.waitForElement("epochs");
      browser.clickText(root.substring(0, 8) + "…" + root.substring(root.length() - 4));
      browser.waitForElement("claim-with-wallet");
      browser.run(
          "window.ethereum = {request: async (call) => {"
              + " window.walletCall = JSON.stringify(call.params[0]);"
              + " return '0x' + 'ab'.repeat(32); }};");
      browser.click("claim-with-wallet");
      await("the portal asks the wallet to send the claim")
          .atMost(Duration.ofSeconds(30))
          .until(() -> browser.run("return window.walletCall") != null);
      walletCall = String.valueOf(browser.run("return window.walletCall"));
      browser.waitForText("claim sent in transaction");
    }
    JsonNode call = new ObjectMapper().readTree(walletCall);
    assertThat(call.path("from").asText()).isEqualTo(operator.address());
    BigInteger before = balance(operator.address());
    TransactionReceipt sent =
        chainCall(
            web3j -> {
              String hash =
                  new RawTransactionManager(
                          web3j,
                          Credentials.create(DemoOperators.key(operator.number())),
                          DevChain.CHAIN_ID)
                      .sendTransaction(
                          web3j.ethGasPrice().send().getGasPrice(),
                          BigInteger.valueOf(500_000),
                          call.path("to").asText(),
                          call.path("data").asText(),
                          BigInteger.ZERO)
                      .getTransactionHash();
              return new PollingTransactionReceiptProcessor(web3j, 250, 120)
                  .waitForTransactionReceipt(hash);
            });
    assertThat(sent.isStatusOK()).as(sent.toString()).isTrue();
    assertThat(isClaimed(epoch, operator.address())).isTrue();
    assertThat(balance(operator.address()).subtract(before)).isEqualTo(amount);
  }

  private BigInteger payoutOf(Operator operator, long epoch) throws Exception {
    for (JsonNode payout : api.get("/api/v1/rewards/epochs/" + epoch + "/payouts", "admin")) {
      if (operator.address().equals(payout.path("address").asText())) {
        return new BigInteger(payout.path("amount").asText());
      }
    }
    throw new AssertionError(operator.address() + " has no payout in epoch " + epoch);
  }

  private boolean isClaimed(long epoch, String address) throws Exception {
    return chainCall(
        web3j -> distributor(web3j).isClaimed(BigInteger.valueOf(epoch), address).send());
  }

  private BigInteger balance(String address) throws Exception {
    return chainCall(
        web3j ->
            NoderrToken.load(
                    platform.getBean(GovernanceProperties.class).tokenAddress().value(),
                    web3j,
                    new ReadonlyTransactionManager(web3j, address),
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO))
                .balanceOf(address)
                .send());
  }

  private RewardDistributor distributor(Web3j web3j) {
    return RewardDistributor.load(
        platform.getBean(EconomicsProperties.class).distributorAddress().value(),
        web3j,
        new ReadonlyTransactionManager(web3j, DemoOperators.addresses().getFirst().value()),
        new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
  }

  private interface ChainCall<T> {
    T call(Web3j web3j) throws Exception;
  }

  private <T> T chainCall(ChainCall<T> call) throws Exception {
    Web3j web3j =
        Web3j.build(
            new HttpService(platform.getEnvironment().getProperty("noderr.chain.embedded-url")));
    try {
      return call.call(web3j);
    } finally {
      web3j.shutdown();
    }
  }

  // ------------------------------------------------------------------------------ treasury

  /** After the claims, the follower's ledger and the chain's balances agree account by account. */
  private void awaitLedgerMatchesTheChain() {
    await("the treasury ledger reconciled with the chain after the claims")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode treasury = api.get("/api/v1/treasury", "sre");
              JsonNode reconciliation = treasury.path("status").path("lastReconciliation");
              assertThat(reconciliation).isNotEmpty();
              assertThat(treasury.path("status").path("drifting").asBoolean()).isFalse();
              for (JsonNode account : reconciliation) {
                assertThat(account.path("ledgerBalance").asText())
                    .as(account.path("account").asText())
                    .isEqualTo(account.path("chainBalance").asText());
              }
              assertThat(treasury.path("flows").toString()).contains("REWARD_CLAIMED");
            });
  }

  private void screenshots() throws Exception {
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      browser.signIn("admin", "noderr-demo");
      browser.open("/rewards");
      browser.waitForText("CLAIMABLE");
      browser.screenshot(Path.of("../docs/screenshots/rewards.png"));
      browser.open("/treasury");
      browser.waitForElement("treasury-balances");
      browser.waitForText("Balances match the chain");
      browser.screenshot(Path.of("../docs/screenshots/treasury.png"));
    }
  }
}
