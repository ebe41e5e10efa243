package io.noderr.cli;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * {@code noderr stake} on a real chain (ganache) with the platform's governance answer from a stub:
 * the operator stakes, unbonds and withdraws with its own key through its own endpoint; what the
 * chain would refuse is refused first, in one line, with nothing sent; contracts the governor does
 * not count are refused before anything is approved.
 */
class StakeCommandIT {

  private static final String TOKEN = "nat_operator-token";

  private static DevChain chain;
  private static DemoGovernance governance;

  @TempDir Path dir;
  private final CommandConsole console = new CommandConsole();
  private final Map<String, Object> answer = new LinkedHashMap<>();
  private StubPlatform platform;
  private ECKeyPair operator;
  private Path keystore;

  @BeforeAll
  static void deploy() throws Exception {
    chain = DevChain.start();
    governance = DemoGovernance.deploy(chain, DemoSigners.addresses().get(0));
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  @BeforeEach
  void operatorWithTokens() throws Exception {
    operator = new StakedOperators(chain, governance).create(0);
    governance.token(chain).mint(address(operator).value(), nodr(3_000)).send();
    keystore =
        dir.resolve(WalletUtils.generateWalletFile("keystore-pw", operator, dir.toFile(), false));
    console.env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    console.env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    answer.put("on", true);
    answer.put("chainId", DevChain.CHAIN_ID);
    answer.put(
        "contracts",
        Map.of(
            "governor", governance.governor().checksummed(),
            "staking", governance.staking().checksummed(),
            "parameters", governance.parameters().checksummed(),
            "token", governance.token().checksummed()));
    platform = StubPlatform.start();
    platform.on(
        "GET",
        "/api/v1/governance",
        r ->
            ("Bearer " + TOKEN).equals(r.authorization())
                ? Answer.ok(answer)
                : Answer.problem(401, "bad credentials"));
  }

  @AfterEach
  void closePlatform() {
    platform.close();
  }

  @Test
  void stakes_unbonds_andWithdrawsAfterTheDelay_withTheOperatorsOwnKey() throws Exception {
    int added = stake("--add", "2500", "--yes");

    assertThat(added).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Stake of " + address(operator).checksummed())
        .contains("in your wallet    3000 NODR")
        .contains("tier minimums     ALL 1000 NODR · ORACLE 5000 NODR · GUARDIAN 10000 NODR")
        .containsPattern("stake 2500 NODR: done in transaction 0x[0-9a-f]{64}")
        .contains("active stake now 2500 NODR, votes 2500 NODR");
    assertThat(
            new StakedOperators(chain, governance)
                .staking(operator)
                .stakeOf(address(operator).value())
                .send())
        .isEqualTo(nodr(2_500));

    assertThat(stake("--unbond", "1000", "--yes")).as(console.err()).isZero();
    assertThat(console.out())
        .contains("active stake now 1500 NODR, votes 1500 NODR, unbonding 1000 NODR until");

    int early = stake("--withdraw", "--yes");
    console.assertRefused(early, "1000 NODR is still unbonding until");

    chain.advanceTime(Duration.ofHours(2));
    assertThat(stake("--withdraw", "--yes")).as(console.err()).isZero();
    assertThat(console.out()).contains("withdraw 1000 NODR: done in transaction");
    assertThat(governance.token(chain).balanceOf(address(operator).value()).send())
        .isEqualTo(nodr(1_500));

    assertThat(stake("--status")).isZero();
    assertThat(console.out()).contains("active            1500 NODR (votes 1500 NODR)");
  }

  @Test
  void anApplicantWithoutALogin_stakesWithTheGovernorsAddressAlone() {
    console.env.remove(PlatformLogin.TOKEN_ENV);
    int added = stake("--governor", governance.governor().value(), "--add", "1000", "--yes");

    assertThat(added).as(console.err()).isZero();
    assertThat(console.out())
        .contains("staking contract  " + governance.staking().checksummed())
        .contains("active stake now 1000 NODR");
    assertThat(platform.requests()).as("the platform is not asked").isEmpty();
  }

  @Test
  void whatTheChainWouldRefuse_isRefusedFirst_andNothingIsSent() throws Exception {
    BigInteger nonce = nonce();

    console.assertRefused(
        stake("--add", "5000", "--yes"),
        "your wallet holds 3000 NODR, less than the 5000 NODR to stake — nothing sent");
    console.assertRefused(
        stake("--unbond", "1", "--yes"),
        "your active stake is 0 NODR, less than the 1 NODR to unbond — nothing sent");
    console.assertRefused(
        stake("--withdraw", "--yes"), "nothing is unbonding, so there is nothing to withdraw");
    // A platform naming another governor than the operator pinned; an endpoint of another chain.
    console.assertRefused(
        stake("--add", "10", "--expect-governor", address(DemoSigners.key(1)).value(), "--yes"),
        "governor");
    console.assertRefused(
        stake("--add", "10", "--expect-chain-id", "1", "--yes"),
        "the platform names chain 1337, not the expected 1");
    console.assertRefused(
        stake(
            "--governor",
            governance.governor().value(),
            "--expect-chain-id",
            "1",
            "--add",
            "10",
            "--yes"),
        "--rpc serves chain 1337, not the governance chain 1");
    // Given by the operator, an address that is no governor.
    console.assertRefused(
        stake("--governor", address(DemoSigners.key(1)).value(), "--add", "10", "--yes"),
        address(DemoSigners.key(1)).checksummed() + " is not a governor on chain 1337");

    assertThat(nonce()).as("no transaction of the operator").isEqualTo(nonce);
  }

  @Test
  void usageErrors_exitWith2_andTheRpcUrlIsNeverPrinted() {
    assertThat(stake("--add", "0")).isEqualTo(2);
    assertThat(console.err()).contains("--add must be more than 0 NODR");
    assertThat(stake("--add", "0.0000000000000000001")).isEqualTo(2);
    assertThat(console.err()).contains("--add has more than 18 decimals");
    assertThat(stake("--add", "1", "--unbond", "1")).isEqualTo(2);
    assertThat(stakeWithRpc("ws://127.0.0.1:1/?apikey=SECRET", "--status")).isEqualTo(2);
    assertThat(console.err()).contains("--rpc must be an http(s) URL").doesNotContain("SECRET");
    assertThat(stakeWithRpc("http://127.0.0.1:1/?apikey=SECRET", "--status")).isEqualTo(1);
    assertThat(console.err())
        .contains("the chain cannot be reached through --rpc")
        .doesNotContain("SECRET");
  }

  private int stake(String... args) {
    return stakeWithRpc(chain.rpcUrl(), args);
  }

  private int stakeWithRpc(String rpc, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--platform",
                platform.uri().toString(),
                "--keystore",
                keystore.toString(),
                "--rpc",
                rpc));
    all.addAll(List.of(args));
    return console.run(StakeCommand::new, all);
  }

  private BigInteger nonce() throws Exception {
    return chain
        .web3j()
        .ethGetTransactionCount(address(operator).value(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount();
  }

  private static Address address(ECKeyPair key) {
    return Signatures.addressOf(key);
  }
}
