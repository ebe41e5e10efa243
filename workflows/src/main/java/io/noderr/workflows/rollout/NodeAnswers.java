package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.NodeTarget;

/**
 * A node's answer is about itself only. Whatever id an agent puts in its result, the result is
 * recorded under the node the rollout asked (a rogue agent answering FAILED for other nodes could
 * otherwise trip a gate and roll a whole deployment back); free text from nodes is capped so one
 * answer cannot bloat the workflow history or the read model.
 */
final class NodeAnswers {

  /** Longest error or detail line kept from a node. */
  static final int MAX_DETAIL = 500;

  /** Longest version string kept from a node (semantic versions are far shorter). */
  static final int MAX_VERSION = 64;

  private NodeAnswers() {}

  /** The answer as it may be recorded: under {@code asked}, text capped, an outcome present. */
  static NodeUpdateResult ofAskedNode(NodeTarget asked, NodeUpdateResult answer) {
    if (answer == null || answer.outcome() == null) {
      return new NodeUpdateResult(
          asked.nodeId(),
          Outcome.FAILED,
          FailureType.START_FAILED,
          "the agent answered without an outcome",
          null,
          0);
    }
    FailureType failure =
        answer.outcome() == Outcome.FAILED && answer.failure() == null
            ? FailureType.START_FAILED
            : answer.failure();
    return new NodeUpdateResult(
        asked.nodeId(),
        answer.outcome(),
        failure,
        capDetail(answer.detail()),
        cap(answer.runningVersion(), MAX_VERSION),
        Math.max(0, answer.millis()));
  }

  static String capDetail(String text) {
    return cap(text, MAX_DETAIL);
  }

  private static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
