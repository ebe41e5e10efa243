package io.noderr.app.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Lets Spring Boot report a {@link PlatformStartupException} as "description / action" instead of
 * logging a stack trace.
 */
class PlatformStartupFailureAnalyzer extends AbstractFailureAnalyzer<PlatformStartupException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PlatformStartupException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
