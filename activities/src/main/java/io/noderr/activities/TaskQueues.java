package io.noderr.activities;

/**
 * Task queue names shared by the platform and the node agents.
 *
 * <p>Every node polls a queue of its own ({@code node-<nodeId>}), so an activity scheduled there
 * runs on exactly that host; a ScheduleToStart timeout on such a queue means the host is gone (the
 * fileprocessing pattern of the Temporal samples).
 */
public final class TaskQueues {

  /** The queue the platform worker polls for workflow tasks and platform activities. */
  public static final String PLATFORM = "noderr-platform";

  private static final String NODE_PREFIX = "node-";

  private TaskQueues() {}

  /** The task queue of one node. */
  public static String node(String nodeId) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("node id must not be blank");
    }
    return NODE_PREFIX + nodeId;
  }

  /** The node whose queue {@code taskQueue} is, or null for any other queue (the platform's). */
  public static String nodeOf(String taskQueue) {
    return taskQueue != null
            && taskQueue.startsWith(NODE_PREFIX)
            && taskQueue.length() > NODE_PREFIX.length()
        ? taskQueue.substring(NODE_PREFIX.length())
        : null;
  }
}
