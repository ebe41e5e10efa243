package io.noderr.workflows.rollout;

import io.noderr.workflows.rollout.RolloutSteering.Hold;
import io.noderr.workflows.rollout.RolloutSteering.StopReason;
import java.util.List;

/**
 * The operators' verbs on a running rollout: each Update's validator (which refuses before anything
 * enters history, so it only reads) and its handler (which records the request for the main loop
 * and queues its audit step; it never blocks).
 */
final class OperatorVerbs {

  private final RolloutLedger ledger;
  private final RolloutSteering steering;
  private final RolloutReporter reporter;

  OperatorVerbs(RolloutLedger ledger, RolloutSteering steering, RolloutReporter reporter) {
    this.ledger = ledger;
    this.steering = steering;
    this.reporter = reporter;
  }

  void validatePause(OperatorCommand command) {
    requireOperator(command);
    if (steering.heldBy(Hold.BY_OPERATOR)) {
      throw refused("the rollout is already paused");
    }
    requireStatus("paused", RolloutStatus.RUNNING, RolloutStatus.WAITING, RolloutStatus.PLANNING);
  }

  void pause(OperatorCommand command) {
    steering.hold(Hold.BY_OPERATOR);
    reporter.queue(command.actor(), "rollout.paused", command.reason());
  }

  void validateResume(OperatorCommand command) {
    requireOperator(command);
    if (!steering.held()) {
      throw refused("the rollout is " + describe() + ", not paused");
    }
  }

  void resume(OperatorCommand command) {
    if (steering.heldBy(Hold.GATE_FAILED)) {
      // The operator accepts the failures so far; the gate judges what comes next afresh.
      ledger.restartTally();
      reporter.queue(command.actor(), "rollout.gate-overridden", command.reason());
    }
    steering.lift(Hold.BY_OPERATOR);
    steering.lift(Hold.GATE_FAILED);
    reporter.queue(command.actor(), "rollout.resumed", command.reason());
  }

  void validatePromote(OperatorCommand command) {
    requireOperator(command);
    requireStatus("promoted", RolloutStatus.WAITING);
  }

  void promote(OperatorCommand command) {
    steering.promoteRequested = true;
    reporter.queue(
        command.actor(), "rollout.promoted", "stage " + ledger.stage() + ": " + command.reason());
  }

  void validateAbort(OperatorCommand command) {
    requireOperator(command);
    requireReason(command);
    RolloutStatus status = ledger.status;
    if (status.isFinal()
        || status == RolloutStatus.ROLLING_BACK
        || status == RolloutStatus.COMPLETED
        || steering.stoppedBy(StopReason.ABORTED)) {
      throw refused(
          "the rollout is "
              + describe()
              + (status == RolloutStatus.COMPLETED ? "; use rollback" : "")
              + " and cannot be aborted");
    }
  }

  void abort(OperatorCommand command) {
    steering.stop(StopReason.ABORTED);
    ledger.reason = "aborted by " + command.actor() + ": " + command.reason();
    reporter.queue(command.actor(), "rollout.abort-requested", command.reason());
  }

  void validateRetry(OperatorCommand command) {
    requireOperator(command);
    requireStatus(
        "retried", RolloutStatus.PAUSED, RolloutStatus.GATE_FAILED, RolloutStatus.WAITING);
    if (ledger.failedNodesKept() == 0) {
      throw refused("no failed nodes to retry");
    }
    if (command.forceLocks()) {
      requireReason(command);
    }
  }

  void retry(OperatorCommand command) {
    steering.askRetry(command.forceLocks());
    reporter.queue(
        command.actor(),
        "rollout.retry",
        ledger.failedNodesKept()
            + " failed nodes"
            + (command.forceLocks() ? ", taking over update locks: " + command.reason() : ""));
  }

  void validateRollback(OperatorCommand command) {
    requireOperator(command);
    requireReason(command);
    requireStatus(
        "rolled back (only a completed rollout, inside its rollback window)",
        RolloutStatus.COMPLETED);
  }

  void rollback(OperatorCommand command) {
    steering.rollbackRequested = true;
    ledger.reason = "rolled back by " + command.actor() + ": " + command.reason();
    reporter.queue(command.actor(), "rollout.rollback-requested", command.reason());
  }

  private static void requireOperator(OperatorCommand command) {
    if (command == null || command.actor() == null || command.actor().isBlank()) {
      throw refused("the command names no one");
    }
    if (!command.mayOperate()) {
      throw refused(command.actor() + " is not an admin; only admins steer rollouts");
    }
    if (command.reason() != null && command.reason().length() > 500) {
      throw refused("the reason is longer than 500 characters");
    }
  }

  private static void requireReason(OperatorCommand command) {
    if (command.reason() == null || command.reason().isBlank()) {
      throw refused("give a reason (it goes to the audit log)");
    }
  }

  private void requireStatus(String verb, RolloutStatus... allowed) {
    if (!List.of(allowed).contains(ledger.status)) {
      throw refused("the rollout is " + describe() + " and cannot be " + verb);
    }
  }

  private String describe() {
    return ledger.status.name().toLowerCase().replace('_', ' ');
  }

  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
