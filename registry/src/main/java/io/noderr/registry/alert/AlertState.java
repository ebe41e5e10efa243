package io.noderr.registry.alert;

/** An incident is FIRING while its rule still finds it, RESOLVED once the rule no longer does. */
public enum AlertState {
  FIRING,
  RESOLVED
}
