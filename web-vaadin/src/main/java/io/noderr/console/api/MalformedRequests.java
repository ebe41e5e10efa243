package io.noderr.console.api;

import io.noderr.registry.audit.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Audits malformed requests to the endpoints anyone can call (applications, auth): an attacker
 * probing them leaves a trace. Other endpoints need a login, so a typo there is not an event.
 */
@Component
class MalformedRequests {

  private final AuditLog audit;

  MalformedRequests(AuditLog audit) {
    this.audit = audit;
  }

  void record(WebRequest request, String detail) {
    if (request instanceof ServletWebRequest servlet) {
      String path = servlet.getRequest().getRequestURI();
      if (path.startsWith("/api/v1/auth/") || path.equals("/api/v1/applications")) {
        audit.append(
            "anonymous",
            "api.malformed-request",
            path,
            detail.length() > 500 ? detail.substring(0, 500) : detail,
            null);
      }
    }
  }
}
