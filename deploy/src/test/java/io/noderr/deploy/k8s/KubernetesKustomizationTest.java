package io.noderr.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What `kubectl apply -k` needs from the repository: the files each kustomization lists, and
 * secrets that come from files git never takes, with a committed template of each.
 */
class KubernetesKustomizationTest {

  @Test
  void everyResourceAKustomizationListsExists() {
    for (Path dir : K8sManifests.KUSTOMIZATIONS) {
      assertThat(K8sManifests.resourceFiles(dir))
          .as(dir.toString())
          .isNotEmpty()
          .allMatch(Files::isRegularFile);
    }
  }

  @Test
  void everyManifestFileIsInAKustomization() throws IOException {
    List<Path> listed = new ArrayList<>();
    K8sManifests.KUSTOMIZATIONS.forEach(dir -> listed.addAll(K8sManifests.resourceFiles(dir)));
    try (var files = Files.walk(K8sManifests.ROOT)) {
      List<Path> manifests =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .filter(f -> !f.startsWith(K8sManifests.ROOT.resolve("check")))
              .toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
    }
  }

  @Test
  void thePlatformHasItsNamespaceAndImage() {
    JsonNode base = K8sManifests.kustomization(K8sManifests.ROOT);

    assertThat(base.path("namespace").asText()).isEqualTo("noderr");
    assertThat(K8sManifests.named("Namespace", "noderr")).isNotNull();
    assertThat(base.path("images").path(0).path("name").asText()).isEqualTo("noderr/platform");
    assertThat(
            K8sManifests.kustomization(K8sManifests.ROOT.resolve("agents"))
                .path("images")
                .path(0)
                .path("name")
                .asText())
        .isEqualTo("noderr/agent");
  }

  @Test
  void secretsComeFromIgnoredFilesWithACommittedTemplate() throws Exception {
    for (Path dir : K8sManifests.KUSTOMIZATIONS) {
      for (JsonNode generator : K8sManifests.kustomization(dir).path("secretGenerator")) {
        for (Path source : sources(dir, generator)) {
          assertThat(ignoredByGit(source)).as("%s must never be committed", source).isTrue();
        }
      }
    }
  }

  @Test
  void theEnvTemplatesHoldOnlyPlaceholders() throws IOException {
    for (Path template :
        List.of(
            K8sManifests.ROOT.resolve("secrets/platform.env.example"),
            K8sManifests.ROOT.resolve("agents/secrets/agent.env.example"))) {
      Properties values = new Properties();
      try (var in = Files.newBufferedReader(template)) {
        values.load(in);
      }
      assertThat(values).as(template.toString()).isNotEmpty();
      values.forEach(
          (key, value) ->
              assertThat(value.toString()).as("%s in %s", key, template).matches("|REPLACE-.*"));
    }
  }

  /** The files a secretGenerator reads: `envs` entries and `files` entries (`key=path`). */
  private static List<Path> sources(Path dir, JsonNode generator) {
    List<Path> sources = new ArrayList<>();
    generator.path("envs").forEach(env -> sources.add(dir.resolve(env.asText())));
    generator
        .path("files")
        .forEach(file -> sources.add(dir.resolve(file.asText().replaceFirst("^[^=]*=", ""))));
    assertThat(sources).isNotEmpty();
    return sources;
  }

  private static boolean ignoredByGit(Path file) throws Exception {
    Process check =
        new ProcessBuilder("git", "check-ignore", "--quiet", "--no-index", file.toString())
            .inheritIO()
            .start();
    assertThat(check.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return check.exitValue() == 0;
  }
}
