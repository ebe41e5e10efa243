package io.noderr.registry.alert;

/** How urgently an alert needs a person. INFO is never escalated. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
