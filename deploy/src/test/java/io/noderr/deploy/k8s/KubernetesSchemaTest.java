package io.noderr.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every object in the manifests matches the Kubernetes API schema (OpenAPI of Kubernetes v1.33, as
 * compiled by kubernetes-models 4.5.1), and the check really rejects what the API server would drop
 * or refuse: each broken copy below is one of the shipped manifests with one mistake.
 */
class KubernetesSchemaTest {

  @Test
  void everyManifestMatchesTheKubernetesSchema() {
    List<SchemaCheck.Result> results = SchemaCheck.validate(K8sManifests.all());

    assertThat(results).hasSize(K8sManifests.all().size());
    assertThat(results)
        .allSatisfy(
            result ->
                assertThat(result.errors())
                    .as("%s %s in %s", result.kind(), result.name(), result.source())
                    .isEmpty());
  }

  @Test
  void aMisspelledFieldIsRejectedAtAnyDepth() {
    ObjectNode topLevel = console();
    ((ObjectNode) topLevel.path("spec")).put("replica", 2);
    ObjectNode deep = console();
    ObjectNode resources = (ObjectNode) container(deep).path("resources");
    resources.set("limit", resources.remove("limits"));

    assertThat(SchemaCheck.errorsOf(topLevel)).containsExactly("/spec/replica: unknown field");
    assertThat(SchemaCheck.errorsOf(deep))
        .containsExactly("/spec/template/spec/containers/0/resources/limit: unknown field");
  }

  @Test
  void aWrongTypeIsRejected() {
    ObjectNode document = console();
    ((ObjectNode) document.path("spec")).put("replicas", "1");
    ObjectNode probe = (ObjectNode) container(document).path("readinessProbe").path("httpGet");
    probe.put("port", 80.5);

    assertThat(SchemaCheck.errorsOf(document))
        .anyMatch(error -> error.contains("/spec/replicas must be integer"))
        .anyMatch(error -> error.contains("/readinessProbe/httpGet/port"));
  }

  @Test
  void aMissingRequiredFieldIsRejected() {
    ObjectNode document = console();
    ((ObjectNode) document.path("spec")).remove("selector");

    assertThat(SchemaCheck.errorsOf(document))
        .anyMatch(error -> error.contains("/spec must have required property selector"));
  }

  @Test
  void aMisspelledKindOrApiVersionIsRejected() {
    ObjectNode kind = console();
    kind.put("kind", "Deploymnet");
    ObjectNode apiVersion = console();
    apiVersion.put("apiVersion", "apps/v2");

    assertThat(SchemaCheck.errorsOf(kind))
        .containsExactly("no schema for apiVersion apps/v1 kind Deploymnet");
    assertThat(SchemaCheck.errorsOf(apiVersion))
        .containsExactly("no schema for apiVersion apps/v2 kind Deployment");
  }

  private static ObjectNode console() {
    return K8sManifests.named("Deployment", "noderr-console").document().deepCopy();
  }

  private static JsonNode container(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers").path(0);
  }
}
