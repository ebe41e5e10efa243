package io.noderr.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.deploy.k8s.K8sManifests.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the schema allows but the deployment needs: hardened, bounded containers of the project's
 * images, probes where a container serves HTTP, and Services and budgets that select real pods.
 */
class KubernetesWorkloadTest {

  private static final List<String> PROJECT_IMAGES = List.of("noderr/platform", "noderr/agent");

  @Test
  void everyContainerIsHardened() {
    for (Manifest workload : K8sManifests.workloads()) {
      JsonNode pod = podSpec(workload);
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
          .as(workload.name())
          .isTrue();
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
          .as(workload.name())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
          .as("%s: nothing here calls the Kubernetes API", workload.name())
          .isFalse();
      for (JsonNode container : pod.path("containers")) {
        JsonNode security = container.path("securityContext");
        String what = workload.name() + "/" + container.path("name").asText();
        assertThat(security.path("runAsNonRoot").asBoolean()).as(what).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
        assertThat(texts(security.path("capabilities").path("drop")))
            .as(what)
            .containsExactly("ALL");
        // The JVM needs a writable /tmp on a read-only root file system.
        assertThat(mountPaths(container)).as(what).contains("/tmp");
      }
    }
  }

  @Test
  void everyContainerHasRequestsAndAMemoryLimit() {
    for (Manifest workload : K8sManifests.workloads()) {
      for (JsonNode container : podSpec(workload).path("containers")) {
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").has("cpu")).as(workload.name()).isTrue();
        assertThat(resources.path("requests").has("memory")).as(workload.name()).isTrue();
        assertThat(resources.path("limits").has("memory")).as(workload.name()).isTrue();
      }
    }
  }

  @Test
  void containersThatServeHttpHaveProbes_theOthersServeNothing() {
    for (Manifest workload : K8sManifests.workloads()) {
      for (JsonNode container : podSpec(workload).path("containers")) {
        boolean servesHttp = texts(container.path("ports"), "name").contains("http");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          assertThat(container.has(probe))
              .as("%s %s", workload.name(), probe)
              .isEqualTo(servesHttp);
        }
        if (servesHttp) {
          assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
              .isEqualTo("/actuator/health/readiness");
          assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
              .isEqualTo("/actuator/health/liveness");
        }
      }
    }
  }

  @Test
  void containersRunTheProjectsImagesAtTheProjectsVersion() {
    for (Manifest workload : K8sManifests.workloads()) {
      for (JsonNode container : podSpec(workload).path("containers")) {
        String[] image = container.path("image").asText().split(":", 2);
        assertThat(PROJECT_IMAGES).as(workload.name()).contains(image[0]);
        assertThat(image[1]).as(workload.name()).isEqualTo("0.1.0-SNAPSHOT");
      }
    }
  }

  @Test
  void thePlatformDeploymentsRunTheirRoles() {
    assertThat(args("noderr-console")).containsSubsequence("--role", "console");
    assertThat(args("noderr-worker")).containsSubsequence("--role", "worker");
  }

  @Test
  void servicesSelectAPodThatHasTheirTargetPorts() {
    for (Manifest service : K8sManifests.ofKind("Service")) {
      JsonNode pod = selectedPod(service.document().path("spec").path("selector"));
      List<String> podPorts = new ArrayList<>();
      pod.path("containers").forEach(c -> podPorts.addAll(texts(c.path("ports"), "name")));
      assertThat(podPorts)
          .as(service.name())
          .containsAll(texts(service.document().path("spec").path("ports"), "targetPort"));
    }
  }

  @Test
  void disruptionBudgetsSelectAWorkload() {
    for (Manifest budget : K8sManifests.ofKind("PodDisruptionBudget")) {
      selectedPod(budget.document().path("spec").path("selector").path("matchLabels"));
    }
  }

  private static JsonNode selectedPod(JsonNode matchLabels) {
    return K8sManifests.workloads().stream()
        .map(KubernetesWorkloadTest::podTemplate)
        .filter(template -> matches(matchLabels, template.path("metadata").path("labels")))
        .map(template -> template.path("spec"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod has the labels " + matchLabels));
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    List<String> keys = new ArrayList<>();
    selector.fieldNames().forEachRemaining(keys::add);
    return !keys.isEmpty()
        && keys.stream().allMatch(key -> selector.path(key).equals(labels.path(key)));
  }

  private static List<String> args(String deployment) {
    return texts(
        podSpec(K8sManifests.named("Deployment", deployment))
            .path("containers")
            .path(0)
            .path("args"));
  }

  private static JsonNode podTemplate(Manifest workload) {
    return workload.document().path("spec").path("template");
  }

  static JsonNode podSpec(Manifest workload) {
    return podTemplate(workload).path("spec");
  }

  private static List<String> mountPaths(JsonNode container) {
    return texts(container.path("volumeMounts"), "mountPath");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.path(field).asText()));
    return texts;
  }
}
