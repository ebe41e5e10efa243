package io.noderr.cli;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.MultisigRewardRoots;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
 * {@code noderr claim} on a real chain (ganache: the demo multisig, governance and economics, roots
 * published through the multisig with two demo signers' signatures) with the platform's claims API
 * from a stub: the claims pay the exact amounts, a second run claims nothing and says why, and what
 * the chain's root does not back is refused with nothing sent.
 */
class ClaimCommandIT {

  private static final String TOKEN = "nat_operator-token";
  private static final Duration PENDING_DELAY = Duration.ofSeconds(60);

  private static DevChain chain;
  private static DemoDeployment deployment;
  private static DemoGovernance governance;

  @TempDir Path dir;
  private final CommandConsole console = new CommandConsole();
  private StubPlatform platform;
  private ECKeyPair operator;
  private Address account;
  private Path keystore;
  private Address distributor;
  private final List<RewardTree> published = new ArrayList<>();

  @BeforeAll
  static void deploy() throws Exception {
    chain = DevChain.start();
    deployment = DemoDeployment.deploy(chain);
    governance =
        DemoGovernance.deploy(chain, deployment.multisig(), GovernanceSettings.devDefaults());
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  /** A fresh distributor with epochs 1 and 2 published and past their pending delay. */
  @BeforeEach
  void twoClaimableEpochs() throws Exception {
    distributor =
        DemoEconomics.deploy(
                chain, deployment.multisig(), governance, PENDING_DELAY, Duration.ofHours(1))
            .distributor();
    operator = new StakedOperators(chain, governance).create(0);
    account = Signatures.addressOf(operator);
    keystore =
        dir.resolve(WalletUtils.generateWalletFile("keystore-pw", operator, dir.toFile(), false));
    console.env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    console.env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    publish(1, nodr(700));
    publish(2, nodr(50));
    chain.advanceTime(PENDING_DELAY.plusSeconds(1));
    platform = StubPlatform.start();
    platformLists(UnaryOperator.identity());
  }

  @AfterEach
  void closePlatform() {
    platform.close();
  }

  @Test
  void claimsPayTheExactAmounts_andASecondRunClaimsNothingAndSaysWhy() throws Exception {
    int first = claim("--yes");

    assertThat(first).as(console.err()).isZero();
    assertThat(console.out())
        .containsPattern("epoch 1: claimed 700 NODR in transaction 0x[0-9a-f]{64}")
        .containsPattern("epoch 2: claimed 50 NODR in transaction 0x[0-9a-f]{64}")
        .contains("total claimed 750 NODR");
    assertThat(balance()).isEqualTo(nodr(750));
    BigInteger nonce = nonce();

    int second = claim("--yes");

    assertThat(second).as(console.err()).isZero();
    assertThat(console.out())
        .contains("skipped epoch 1: already claimed")
        .contains("skipped epoch 2: already claimed")
        .contains("nothing to claim");
    assertThat(nonce()).as("nothing sent").isEqualTo(nonce);
    assertThat(balance()).isEqualTo(nodr(750));
  }

  @Test
  void oneEpoch_aDryRun_andAPendingEpoch_areSaidApart() throws Exception {
    publish(3, nodr(5));
    platformLists(UnaryOperator.identity());

    assertThat(claim("--dry-run")).as(console.err()).isZero();
    assertThat(console.out())
        .contains("claimable epoch 1: 700 NODR")
        .contains("skipped epoch 3: still pending until")
        .contains("would claim 750 NODR in 2 transaction(s); nothing sent");

    assertThat(claim("--epoch", "2", "--yes")).as(console.err()).isZero();
    assertThat(console.out()).contains("epoch 2: claimed 50 NODR").doesNotContain("epoch 1:");
    assertThat(balance()).isEqualTo(nodr(50));
    console.assertRefused(
        claim("--epoch", "9", "--yes"),
        "epoch 9 pays nothing to " + account.checksummed() + " on this platform");
  }

  @Test
  void whatTheChainsRootDoesNotBack_isRefused_andNothingIsSent() throws Exception {
    BigInteger nonce = nonce();

    platformLists(row -> row.epoch() == 1 ? withAmount(row, nodr(7_000)) : row);
    console.assertRefused(
        claim("--yes"),
        "epoch 1: the proof for "
            + nodr(7_000)
            + " does not lead to the distributor's root "
            + published.get(0).rootHex()
            + "; nothing sent");

    String otherRoot = "0x" + "ab".repeat(32);
    platformLists(row -> row.epoch() == 2 ? withRoot(row, otherRoot) : row);
    console.assertRefused(
        claim("--yes"),
        "epoch 2: the platform's root "
            + otherRoot
            + " is not the distributor's "
            + published.get(1).rootHex()
            + "; nothing sent");

    assertThat(nonce()).as("no transaction of the operator").isEqualTo(nonce);
    assertThat(balance()).isZero();
  }

  private record Row(long epoch, String root, BigInteger amount, List<String> proof) {}

  private void publish(long epoch, BigInteger amount) throws Exception {
    RewardTree tree =
        RewardTree.of(
            List.of(
                new RewardLeaf(epoch, account, amount),
                new RewardLeaf(epoch, Address.of("0x" + "5e".repeat(20)), nodr(300))));
    new MultisigRewardRoots(chain, deployment.multisig()).publish(distributor, tree, quorum());
    published.add(tree);
  }

  /** Two of the multisig's three demo signers, in the signers' (address) order it checks. */
  private static List<ECKeyPair> quorum() {
    return DemoSigners.keys().stream()
        .sorted(Comparator.comparing(Signatures::addressOf))
        .limit(DemoSigners.THRESHOLD)
        .toList();
  }

  /**
   * The stub platform lists every published epoch's row for the account, changed by {@code edit}.
   */
  private void platformLists(UnaryOperator<Row> edit) {
    List<Map<String, Object>> claims =
        published.reversed().stream()
            .map(tree -> edit.apply(row(tree)))
            .map(
                row ->
                    Map.<String, Object>of(
                        "epoch", row.epoch(),
                        "stage", "CLAIMABLE",
                        "root", row.root(),
                        "amount", row.amount().toString(),
                        "proof", row.proof()))
            .toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("address", account.value());
    answer.put("chainId", DevChain.CHAIN_ID);
    answer.put("distributor", distributor.value());
    answer.put("claims", claims);
    platform.on(
        "GET",
        "/api/v1/rewards/claims/" + account.value(),
        r ->
            ("Bearer " + TOKEN).equals(r.authorization())
                ? Answer.ok(answer)
                : Answer.problem(401, "bad credentials"));
  }

  private Row row(RewardTree tree) {
    BigInteger amount = tree.epoch() == 1 ? nodr(700) : tree.epoch() == 2 ? nodr(50) : nodr(5);
    return new Row(
        tree.epoch(),
        tree.rootHex(),
        amount,
        tree.proof(account).stream().map(h -> "0x" + HexFormat.of().formatHex(h)).toList());
  }

  private static Row withAmount(Row row, BigInteger amount) {
    return new Row(row.epoch(), row.root(), amount, row.proof());
  }

  private static Row withRoot(Row row, String root) {
    return new Row(row.epoch(), root, row.amount(), row.proof());
  }

  private int claim(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--platform",
                platform.uri().toString(),
                "--keystore",
                keystore.toString(),
                "--rpc",
                chain.rpcUrl()));
    all.addAll(List.of(args));
    return console.run(ClaimCommand::new, all);
  }

  private BigInteger balance() throws Exception {
    return governance.token(chain).balanceOf(account.value()).send();
  }

  private BigInteger nonce() throws Exception {
    return chain
        .web3j()
        .ethGetTransactionCount(account.value(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount();
  }
}
