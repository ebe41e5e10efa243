package io.noderr.reports;

/** One test class's results, from one surefire or failsafe {@code TEST-*.xml}. */
public record SuiteResult(
    String module,
    String className,
    TestKind kind,
    int tests,
    int failures,
    int errors,
    int skipped,
    double seconds) {

  /** Whether any of its tests failed or erred. */
  public boolean failed() {
    return failures + errors > 0;
  }
}
