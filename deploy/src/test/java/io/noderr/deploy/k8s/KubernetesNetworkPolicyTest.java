package io.noderr.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nodes reach only the console's ports, and only the platform's pods reach Temporal: the Kubernetes
 * form of the compose file's internal `backend` network (docs/gateway.md).
 */
class KubernetesNetworkPolicyTest {

  @Test
  void thePlatformNamespaceDeniesWhatNoPolicyAllows() {
    JsonNode deny = K8sManifests.named("NetworkPolicy", "default-deny").document().path("spec");

    assertThat(deny.path("podSelector").isEmpty()).isTrue();
    assertThat(texts(deny.path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.has("ingress") || deny.has("egress")).isFalse();
  }

  @Test
  void agentsReachOnlyTheConsolesPortsAndDns() {
    JsonNode agents = K8sManifests.named("NetworkPolicy", "noderr-agent").document().path("spec");

    assertThat(agents.has("ingress")).isFalse();
    assertThat(agents.path("egress")).hasSize(2);
    JsonNode toConsole = agents.path("egress").path(0);
    assertThat(
            toConsole
                .path("to")
                .path(0)
                .path("podSelector")
                .path("matchLabels")
                .path("app.kubernetes.io/component")
                .asText())
        .isEqualTo("console");
    assertThat(ports(toConsole)).containsExactlyInAnyOrder(8080, 7234);
    assertThat(ports(agents.path("egress").path(1))).containsExactly(53, 53);
  }

  @Test
  void fromOutsideItsNamespaceOnlyThePlatformReachesTemporalsFrontend() {
    JsonNode frontend =
        K8sManifests.named("NetworkPolicy", "temporal-frontend-noderr-only").document();
    List<JsonNode> fromOtherNamespaces = new ArrayList<>();
    frontend
        .path("spec")
        .path("ingress")
        .forEach(
            rule -> {
              if (!rule.path("from").path(0).path("podSelector").isEmpty()
                  || rule.path("from").path(0).has("namespaceSelector")) {
                fromOtherNamespaces.add(rule);
              }
            });

    JsonNode platform =
        fromOtherNamespaces.stream()
            .filter(rule -> ports(rule).contains(7233))
            .findFirst()
            .orElseThrow();
    assertThat(
            platform
                .path("from")
                .path(0)
                .path("namespaceSelector")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText())
        .isEqualTo("noderr");
    assertThat(
            texts(
                platform
                    .path("from")
                    .path(0)
                    .path("podSelector")
                    .path("matchExpressions")
                    .path(0)
                    .path("values")))
        .containsExactlyInAnyOrder("console", "worker");
    // The other rule from outside is Prometheus, on the metrics port only.
    assertThat(fromOtherNamespaces)
        .allSatisfy(rule -> assertThat(ports(rule)).isNotEmpty().doesNotContain(7234));
  }

  private static List<Integer> ports(JsonNode rule) {
    List<Integer> ports = new ArrayList<>();
    rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
    return ports;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
