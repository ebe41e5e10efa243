package io.noderr.worker.slashing;

import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.slashing.SlashingDisputeRow;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.worker.alert.rules.AlertRule;
import io.noderr.worker.alert.rules.Runbooks;
import io.noderr.worker.governance.GovernanceOn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Tells an operator that a slashing dispute waits for them ({@code SlashingDispute}): while it may
 * answer, and while it may appeal a decision to slash. The alert resolves when the window closes.
 * On with governance, as the disputes are.
 */
@Component
@Conditional(GovernanceOn.class)
class SlashingDisputeRule implements AlertRule {

  static final String RULE = "SlashingDispute";

  private final SlashingDisputes disputes;
  private final Runbooks runbooks;

  SlashingDisputeRule(SlashingDisputes disputes, Runbooks runbooks) {
    this.disputes = disputes;
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    return disputes.awaitingOperator().stream().map(this::finding).toList();
  }

  private Finding finding(SlashingDisputeRow dispute) {
    String waitingFor =
        "APPEAL_WINDOW".equals(dispute.stage())
            ? "may appeal the decision to slash"
            : "may answer until " + dispute.answerDeadline();
    return new Finding(
        RULE,
        RULE + "/dispute=" + dispute.id(),
        Severity.WARNING,
        "slashing dispute "
            + dispute.id()
            + " against node "
            + dispute.nodeId()
            + " ("
            + dispute.cause()
            + "): operator "
            + dispute.operatorAddress()
            + " "
            + waitingFor,
        Map.of(
            "dispute", dispute.id(),
            "node", dispute.nodeId(),
            "cause", dispute.cause(),
            "stage", dispute.stage()),
        List.of(dispute.nodeId()),
        List.of(),
        runbooks.of(RULE));
  }
}
