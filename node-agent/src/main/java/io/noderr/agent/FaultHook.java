package io.noderr.agent;

/**
 * Called before every node activity. Real agents use {@link #NONE}; the simulator injects its
 * failure modes (slow, crash) here so the activity code itself stays the real one.
 */
@FunctionalInterface
public interface FaultHook {

  FaultHook NONE = activity -> {};

  void beforeActivity(String activity);
}
