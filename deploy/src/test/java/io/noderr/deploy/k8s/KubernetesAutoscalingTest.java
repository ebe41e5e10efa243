package io.noderr.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.activities.TaskQueues;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The workers scale on the backlog of the queue they poll, and the metric the HPA asks for is the
 * one the prometheus-adapter rule serves.
 */
class KubernetesAutoscalingTest {

  private final JsonNode hpa =
      K8sManifests.named("HorizontalPodAutoscaler", "noderr-worker").document().path("spec");

  @Test
  void theHpaScalesTheWorkerDeployment() {
    JsonNode target = hpa.path("scaleTargetRef");

    assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(target.path("kind").asText()).isEqualTo("Deployment");
    K8sManifests.named("Deployment", target.path("name").asText());
    assertThat(target.path("name").asText()).isEqualTo("noderr-worker");
    assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.path("maxReplicas").asInt()).isGreaterThan(hpa.path("minReplicas").asInt());
  }

  @Test
  void theWorkerDeploymentLeavesItsReplicaCountToTheHpa() {
    assertThat(
            K8sManifests.named("Deployment", "noderr-worker")
                .document()
                .path("spec")
                .has("replicas"))
        .isFalse();
  }

  @Test
  void itsOnlyMetricIsTheBacklogOfThePlatformTaskQueue() {
    assertThat(hpa.path("metrics")).hasSize(1);
    JsonNode metric = hpa.path("metrics").path(0);

    assertThat(metric.path("type").asText()).isEqualTo("External");
    assertThat(
            metric
                .path("external")
                .path("metric")
                .path("selector")
                .path("matchLabels")
                .path("taskqueue")
                .asText())
        .isEqualTo(TaskQueues.PLATFORM);
    assertThat(metric.path("external").path("target").path("type").asText())
        .isEqualTo("AverageValue");
  }

  @Test
  void itScalesDownSlowlyAndUpAtOnce() {
    assertThat(hpa.path("behavior").path("scaleDown").path("stabilizationWindowSeconds").asInt())
        .isGreaterThanOrEqualTo(300);
    assertThat(hpa.path("behavior").path("scaleUp").path("stabilizationWindowSeconds").asInt())
        .isZero();
  }

  @Test
  void theAdapterServesThatMetricFromTemporalsBacklogGauge() throws IOException {
    JsonNode configMap = K8sManifests.named("ConfigMap", "noderr-prometheus-adapter").document();
    JsonNode rule =
        K8sManifests.YAML
            .readTree(configMap.path("data").path("config.yaml").asText())
            .path("externalRules")
            .path(0);

    assertThat(rule.path("name").path("as").asText())
        .isEqualTo(
            hpa.path("metrics").path(0).path("external").path("metric").path("name").asText());
    assertThat(rule.path("seriesQuery").asText()).startsWith("approximate_backlog_count{");
    assertThat(rule.path("metricsQuery").asText()).contains("<<.LabelMatchers>>");
    // Temporal's `namespace` label is a Temporal namespace: the adapter must not fill it with ours.
    assertThat(rule.path("resources").path("namespaced").asBoolean(true)).isFalse();
  }
}
