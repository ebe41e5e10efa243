package io.noderr.http;

import io.noderr.registry.audit.AuditLog;
import java.util.function.Predicate;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Audits malformed requests to the endpoints anyone can call (applications, the node auth API): an
 * attacker probing them leaves a trace. Other endpoints need a credential, so a typo there is not
 * an event.
 */
public final class MalformedRequests {

  private static final int MAX_DETAIL = 500;

  private final AuditLog audit;
  private final Predicate<String> publicPath;

  /**
   * @param publicPath which request paths (URI without query) anyone may call
   */
  public MalformedRequests(AuditLog audit, Predicate<String> publicPath) {
    this.audit = audit;
    this.publicPath = publicPath;
  }

  public void record(WebRequest request, String detail) {
    if (request instanceof ServletWebRequest servlet
        && publicPath.test(servlet.getRequest().getRequestURI())) {
      audit.append(
          "anonymous",
          "api.malformed-request",
          servlet.getRequest().getRequestURI(),
          detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail,
          null);
    }
  }
}
