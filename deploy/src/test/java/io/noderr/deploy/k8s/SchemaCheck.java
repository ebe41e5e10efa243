package io.noderr.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code deploy/k8s/check/validate.mjs}: the Kubernetes OpenAPI schemas as the npm package
 * kubernetes-models compiles them (pinned by package-lock.json), plus its unknown-field check.
 * There is no kubectl or kubeconform on the build machines; node and npm are.
 */
final class SchemaCheck {

  private static final Path DIR = K8sManifests.ROOT.resolve("check");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the checker says of one document. */
  record Result(String source, String kind, String name, List<String> errors) {}

  private SchemaCheck() {}

  static List<Result> validate(List<K8sManifests.Manifest> manifests) {
    installOnce();
    ArrayNode input = JSON.createArrayNode();
    for (K8sManifests.Manifest manifest : manifests) {
      input
          .addObject()
          .put("source", manifest.file().toString())
          .set("document", manifest.document());
    }
    JsonNode output;
    try {
      output = JSON.readTree(run(input.toString(), "node", "validate.mjs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode result : output) {
      List<String> errors = new ArrayList<>();
      result.path("errors").forEach(error -> errors.add(error.asText()));
      results.add(
          new Result(
              result.path("source").asText(),
              result.path("kind").asText(),
              result.path("name").asText(),
              errors));
    }
    return results;
  }

  /** The errors for a single document. */
  static List<String> errorsOf(JsonNode document) {
    return validate(List.of(new K8sManifests.Manifest(Path.of("(test)"), document)))
        .getFirst()
        .errors();
  }

  /** npm ci when node_modules is missing or older than the lock file (a changed pin). */
  private static synchronized void installOnce() {
    try {
      Path installed = DIR.resolve("node_modules/.package-lock.json");
      Path lock = DIR.resolve("package-lock.json");
      if (Files.exists(installed)
          && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
        return;
      }
      run("", "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(String stdin, String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(DIR.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed in " + DIR);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
