package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code noderr rewards show} against a stub of the platform's rewards API: the newest epoch by
 * default, its pool in NODR, the caller's payout with why, its nodes' outcomes; an unknown epoch is
 * the platform's one-line refusal.
 */
class RewardsShowCommandTest {

  private static final String TOKEN = "nat_operator-token";
  private static final String UNITS_700 = "700000000000000000000";

  private final CommandConsole console = new CommandConsole();
  private StubPlatform platform;

  @BeforeEach
  void platform() throws Exception {
    console.env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    platform = StubPlatform.start();
    platform.on(
        "GET", "/api/v1/rewards/epochs?size=1", r -> Answer.ok(Map.of("items", List.of(epoch()))));
    platform.on("GET", "/api/v1/rewards/epochs/7", r -> Answer.ok(epoch()));
    platform.on(
        "GET",
        "/api/v1/rewards/epochs/7/payouts",
        r ->
            Answer.ok(
                List.of(
                    Map.of(
                        "address", "0xacme",
                        "amount", UNITS_700,
                        "explanation", "performance score 14000 of 20000, effective stake"))));
    platform.on(
        "GET",
        "/api/v1/rewards/epochs/7/nodes",
        r ->
            Answer.ok(
                List.of(
                    Map.of(
                        "nodeId", "acme-1",
                        "tier", "ORACLE",
                        "uptimeBp", 8_550,
                        "performanceBp", 10_000,
                        "status", "BELOW_MINIMUM_UPTIME",
                        "score", "0",
                        "reason", "uptime 85.50% below 90%"))));
    platform.on(
        "GET", "/api/v1/rewards/epochs/8", r -> Answer.problem(404, "reward epoch 8 is unknown"));
    platform.on("GET", "/api/v1/rewards/epochs/9", r -> Answer.ok(openEpoch()));
    platform.on("GET", "/api/v1/rewards/epochs/9/payouts", r -> Answer.ok(List.of()));
    platform.on("GET", "/api/v1/rewards/epochs/9/nodes", r -> Answer.ok(List.of()));
  }

  @AfterEach
  void close() {
    platform.close();
  }

  @Test
  void showsTheNewestEpoch_theCallersPayoutWithWhy_andItsNodes() {
    int exit = show();

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Epoch 7 · CLAIMABLE")
        .contains("pool          1000 NODR = emission 900 NODR + fees 100 NODR + carried 0 NODR")
        .contains("paid          700 NODR to 1 recipients; remainder 300 NODR carried on")
        .contains("0xacme  700 NODR  (performance score 14000 of 20000, effective stake)")
        .contains(
            "acme-1  ORACLE  uptime 85.50 %  performance 100.00 %  BELOW_MINIMUM_UPTIME  score 0"
                + "  (uptime 85.50% below 90%)");
  }

  @Test
  void anUnknownEpoch_isThePlatformsOneLineRefusal() {
    console.assertRefused(show("--epoch", "8"), "reward epoch 8 is unknown");
  }

  @Test
  void anOpenEpoch_saysItsPoolIsNotGatheredYet_insteadOfPrintingBlanks() {
    int exit = show("--epoch", "9");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Epoch 9 · OPEN")
        .contains("pool          not gathered yet")
        .contains("No payout of yours in this epoch.")
        .doesNotContain("null");
  }

  private int show(String... args) {
    List<String> all = new ArrayList<>(List.of("show", "--platform", platform.uri().toString()));
    all.addAll(List.of(args));
    return console.run(RewardsCommand::new, all);
  }

  private static Map<String, Object> openEpoch() {
    return Map.of(
        "epoch",
        9,
        "stage",
        "OPEN",
        "startAt",
        "2026-11-03T00:00:00Z",
        "endAt",
        "2026-11-04T00:00:00Z",
        "pool",
        Map.of("recipients", 0));
  }

  private static Map<String, Object> epoch() {
    return Map.of(
        "epoch",
        7,
        "stage",
        "CLAIMABLE",
        "startAt",
        "2026-11-01T00:00:00Z",
        "endAt",
        "2026-11-02T00:00:00Z",
        "formulaVersion",
        1,
        "root",
        "0x" + "ab".repeat(32),
        "pool",
        Map.of(
            "emission", "900000000000000000000",
            "fees", "100000000000000000000",
            "carried", "0",
            "total", "1000000000000000000000",
            "paid", UNITS_700,
            "remainder", "300000000000000000000",
            "recipients", 1));
  }
}
