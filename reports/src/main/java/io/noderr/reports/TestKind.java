package io.noderr.reports;

import java.util.Locale;

/**
 * The kinds the test report counts, in the order it lists them. {@link TestClassifier} decides a
 * test class's kind (docs/test-report.md).
 */
public enum TestKind {
  UNIT,
  PROPERTY,
  WORKFLOW,
  REPLAY,
  INTEGRATION,
  BROWSER;

  /** The lower-case label used in the reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
