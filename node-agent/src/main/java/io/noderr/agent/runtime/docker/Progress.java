package io.noderr.agent.runtime.docker;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * What a long step reports while it works (pulling, waiting for health, soaking): the update turns
 * it into a Temporal heartbeat and a renewal of its update lock. A pull reports from the engine
 * client's thread, so implementations must not rely on running on the activity's.
 */
@FunctionalInterface
interface Progress {

  void report(String stage);

  /**
   * Heartbeats of the activity running on this thread, or nothing when the code runs outside an
   * activity (tests, a CLI): Temporal only offers a context on the activity's own thread.
   */
  static Progress heartbeats() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return stage -> {};
    }
    return context::heartbeat;
  }
}
