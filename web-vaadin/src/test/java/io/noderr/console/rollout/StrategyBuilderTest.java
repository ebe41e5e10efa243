package io.noderr.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.workflows.rollout.AnalysisPolicy;
import io.noderr.workflows.rollout.GatePolicy;
import io.noderr.workflows.rollout.RateSchedule;
import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Forms as the API receives them (JSON) turned into strategies, and refused field by field. */
class StrategyBuilderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void governancesFirstCohortPercent_setsThePresetsFirstStage_belowTheNext() {
    assertThat(
            StrategyBuilder.from(form(Map.of()), List.of(), OptionalInt.of(5))
                .steps()
                .getFirst()
                .percent())
        .isEqualTo(5);
    assertThat(
            StrategyBuilder.from(form(Map.of()), List.of(), OptionalInt.of(50))
                .steps()
                .getFirst()
                .percent())
        .isEqualTo(9);
  }

  private static DeploymentForm form(Map<String, Object> fields) {
    Map<String, Object> json = new HashMap<>(Map.of("version", "2.0.0", "tiers", List.of("ALL")));
    json.putAll(fields);
    return JSON.convertValue(json, DeploymentForm.class);
  }

  @Test
  void anEmptyForm_isTheCanaryPreset() {
    assertThat(StrategyBuilder.from(form(Map.of()))).isEqualTo(RolloutStrategy.canary());
  }

  @Test
  void everyAdvancedField_landsInTheStrategy() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("preset", "phased");
    fields.put("steps", List.of("2", "50%:pause=2m", "100%"));
    fields.put("maxParallel", 20);
    fields.put("ratePerMinute", 30);
    fields.put("ramp", 2.0);
    fields.put("soakSeconds", 15);
    fields.put("perNodeDeadlineSeconds", 120);
    fields.put("maxFailurePercent", 10.0);
    fields.put("maxFailurePercentByType", Map.of("UNHEALTHY", 5, "timeout", 20));
    fields.put("minExecuted", 3);
    fields.put("maxConsecutiveFailures", 0);
    fields.put("onGateFailure", "PAUSE");
    fields.put("updateStrategy", "DOWNLOAD_THEN_SWAP");
    fields.put("rollbackWindowHours", 2);
    fields.put(
        "maintenanceWindows",
        List.of(
            "operator=acme Mon-Fri 02:00-05:00 Europe/Berlin", " ", "region=us daily 01:00-02:00"));
    fields.put("progressDeadlineMinutes", 90);

    RolloutStrategy strategy = StrategyBuilder.from(form(fields));

    assertThat(strategy.steps())
        .containsExactly(
            RolloutStep.count(2, Pause.NONE, 0),
            RolloutStep.percent(50, Pause.TIMED, Duration.ofMinutes(2).toMillis()),
            RolloutStep.percent(100, Pause.NONE, 0));
    assertThat(strategy.maxParallel()).isEqualTo(20);
    assertThat(strategy.rate()).isEqualTo(new RateSchedule(30, 2.0, 0));
    assertThat(strategy.soakMillis()).isEqualTo(15_000);
    assertThat(strategy.perNodeDeadlineMillis()).isEqualTo(120_000);
    assertThat(strategy.gates())
        .isEqualTo(
            new GatePolicy(
                10.0, Map.of(FailureType.UNHEALTHY, 5.0, FailureType.TIMEOUT, 20.0), 3, 0));
    assertThat(strategy.onGateFailure()).isEqualTo(GateFailureAction.PAUSE);
    assertThat(strategy.updateStrategy()).isEqualTo(NodeUpdateRequest.Strategy.DOWNLOAD_THEN_SWAP);
    assertThat(strategy.rollbackWindowMillis()).isEqualTo(Duration.ofHours(2).toMillis());
    assertThat(strategy.progressDeadlineMillis()).isEqualTo(Duration.ofMinutes(90).toMillis());
    assertThat(strategy.maintenanceWindows())
        .extracting(rule -> rule.operator() + "/" + rule.region())
        .containsExactly("acme/*", "*/us");
    assertThat(strategy.windowFor("acme", "eu").zone()).isEqualTo("Europe/Berlin");
  }

  @Test
  void everyProblem_isReportedAtOnce_namingItsField() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("steps", List.of("10%", "often"));
    fields.put("maxFailurePercentByType", Map.of("GREMLINS", 5));
    fields.put("maintenanceWindows", List.of("daily 01:00-02:00", "Mon-Fri 02:00-05:00 Mars/Base"));
    fields.put("ramp", 20.0);

    assertThatThrownBy(() -> StrategyBuilder.from(form(fields)))
        .isInstanceOf(InvalidDeploymentException.class)
        .hasMessageContaining("steps: step 'often' is not like")
        .hasMessageContaining("maxFailurePercentByType: 'GREMLINS' is not a failure type (one of")
        .hasMessageContaining("UNHEALTHY")
        .hasMessageContaining(
            "maintenanceWindows line 2 ('Mon-Fri 02:00-05:00 Mars/Base'): 'Mars/Base' is not a"
                + " time zone")
        .hasMessageContaining("write it like " + WindowSyntax.EXAMPLE)
        .hasMessageContaining("ramp must be between 1 and 10");
  }

  @Test
  void analysisRules_landInTheGate() {
    RolloutStrategy strategy =
        StrategyBuilder.from(
            form(
                Map.of(
                    "analysis",
                    List.of(
                        "errorRate<=1.5x",
                        "latencyP95 <= 2x",
                        "blockLag<=5",
                        "peers>=3",
                        "missedDuties<=0",
                        "attestationAge<=24h",
                        "minSamples=2"))));

    assertThat(strategy.gates().analysis())
        .isEqualTo(new AnalysisPolicy(1.5, 2.0, 5L, 3, 0L, 86_400L, 2));
    assertThat(StrategyDescription.of(strategy)).contains("telemetry analysed after each batch");
    assertThat(StrategyBuilder.from(form(Map.of())).gates().analysis())
        .isEqualTo(AnalysisPolicy.NONE);
  }

  @Test
  void badAnalysisRules_areRefusedWithTheSyntax() {
    for (String rule :
        List.of("errorRate<=1.5", "errorRate>=2x", "peers<=3", "blockLag<=2.5", "cpu<=50")) {
      assertThatThrownBy(() -> StrategyBuilder.from(form(Map.of("analysis", List.of(rule)))))
          .as(rule)
          .isInstanceOf(InvalidDeploymentException.class)
          .hasMessageStartingWith("analysis: '" + rule + "' ")
          .hasMessageContaining("rules are like " + AnalysisSyntax.EXAMPLE);
    }
    assertThatThrownBy(
            () ->
                StrategyBuilder.from(
                    form(Map.of("analysis", List.of("errorRate<=2x", "errorRate<=3x")))))
        .hasMessageContaining("repeats errorrate");
    assertThatThrownBy(
            () -> StrategyBuilder.from(form(Map.of("analysis", List.of("errorRate<=0.5x")))))
        .hasMessageContaining("analysis errorRate ratio must be between 1 and 100");
  }

  @Test
  void theStrategysOwnRules_stillApply() {
    assertThatThrownBy(
            () ->
                StrategyBuilder.from(
                    form(Map.of("soakSeconds", 700, "perNodeDeadlineSeconds", 600))))
        .hasMessageContaining("per-node deadline must be longer than the soak");
    assertThatThrownBy(
            () ->
                StrategyBuilder.from(
                    form(Map.of("maxFailurePercentByType", Map.of("TIMEOUT", 101)))))
        .hasMessageContaining("maxFailurePercentByType: TIMEOUT must be between 0 and 100");
  }

  @Test
  void thePreview_saysTheStagesAndPausesInOneLine() {
    assertThat(StrategyDescription.of(RolloutStrategy.canary()))
        .isEqualTo("1% → 10% → 50% → 100%, 5 min pauses, soak 30 s, a failed gate rolls back");
    assertThat(StrategyDescription.of(RolloutStrategy.phased()))
        .startsWith("5% (manual promote) → 20% (10 min pause) → 100%, soak 30 s");
    assertThat(
            StrategyDescription.of(
                StrategyBuilder.from(
                    form(
                        Map.of(
                            "steps",
                            List.of("3", "100%"),
                            "soakSeconds",
                            0,
                            "ratePerMinute",
                            10,
                            "ramp",
                            1.5,
                            "onGateFailure",
                            "PAUSE",
                            "maintenanceWindows",
                            List.of("daily 01:00-02:00"))))))
        .isEqualTo(
            "3 nodes → 100%, soak none, 10/min ×1.5 each minute, 1 maintenance window,"
                + " a failed gate pauses");
    assertThat(StrategyDescription.duration(Duration.ofMinutes(90).toMillis()))
        .isEqualTo("1 h 30 min");
  }

  @Test
  void perTypeLimits_asTyped_becomeAMap_orARefusalNamingTheField() {
    assertThat(FailureLimitSyntax.parse(" unhealthy=5, TIMEOUT = 10.5% "))
        .containsExactly(Map.entry("UNHEALTHY", 5.0), Map.entry("TIMEOUT", 10.5));
    assertThat(FailureLimitSyntax.parse("  ")).isEmpty();
    assertThatThrownBy(() -> FailureLimitSyntax.parse("UNHEALTHY=5, TIMEOUT"))
        .isInstanceOf(InvalidDeploymentException.class)
        .hasMessage(
            "maxFailurePercentByType: 'TIMEOUT' is not like UNHEALTHY=5 (a failure type and a"
                + " percentage)");
    assertThatThrownBy(() -> FailureLimitSyntax.parse("TIMEOUT=1, timeout=2"))
        .hasMessage("maxFailurePercentByType: TIMEOUT is given twice");
  }
}
