package io.noderr.console.fleet;

import io.noderr.console.ConsoleProperties;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Builds links into the Temporal Web UI, when one is configured. */
@Component
public class TemporalLinks {

  private final URI uiBase;
  private final String namespace;

  TemporalLinks(ConsoleProperties properties, WorkflowClient client) {
    this.uiBase = properties.temporalUiUrl();
    this.namespace = client.getOptions().getNamespace();
  }

  /** The page of one workflow; null when no UI is configured. */
  public URI workflow(String workflowId) {
    if (uiBase == null) {
      return null;
    }
    String base = uiBase.toString().replaceAll("/+$", "");
    return URI.create(
        base + "/namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
