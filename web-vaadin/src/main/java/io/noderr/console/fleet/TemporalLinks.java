package io.noderr.console.fleet;

import io.noderr.console.ConsoleProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
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
    return uiBase == null ? null : URI.create(workflows() + "/" + encode(workflowId));
  }

  /**
   * The Temporal UI's list of every workflow whose {@code attribute} is {@code value} (e.g. a
   * deployment's rollout and batches; docs/sre.md); null when no UI is configured.
   */
  public URI search(SearchAttributeKey<?> attribute, String value) {
    if (uiBase == null) {
      return null;
    }
    String query = attribute.getName() + "=\"" + value.replace("\"", "\\\"") + "\"";
    return URI.create(workflows() + "?query=" + encode(query));
  }

  /** The UI's workflow list of this namespace (without a trailing slash). */
  private String workflows() {
    return uiBase.toString().replaceAll("/+$", "")
        + "/namespaces/"
        + encode(namespace)
        + "/workflows";
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
