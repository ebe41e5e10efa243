package io.noderr.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The manifests under {@code deploy/k8s} as kubectl would read them: each kustomization's {@code
 * resources}, every YAML document in them. Tests run with the deploy module as working directory.
 */
final class K8sManifests {

  static final Path ROOT = Path.of("k8s");

  /** The base (the platform) and the optional kustomizations beside it. */
  static final List<Path> KUSTOMIZATIONS =
      List.of(
          ROOT,
          ROOT.resolve("agents"),
          ROOT.resolve("backend-access"),
          ROOT.resolve("prometheus-adapter"));

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One Kubernetes object and the file it came from. */
  record Manifest(Path file, JsonNode document) {
    String kind() {
      return document.path("kind").asText();
    }

    String name() {
      return document.path("metadata").path("name").asText();
    }
  }

  private K8sManifests() {}

  static JsonNode kustomization(Path dir) {
    return readOne(dir.resolve("kustomization.yaml"));
  }

  /** The files a kustomization lists as resources, resolved against its directory. */
  static List<Path> resourceFiles(Path dir) {
    return StreamSupport.stream(kustomization(dir).path("resources").spliterator(), false)
        .map(resource -> dir.resolve(resource.asText()))
        .toList();
  }

  /** Every object of every kustomization. */
  static List<Manifest> all() {
    List<Manifest> manifests = new ArrayList<>();
    for (Path dir : KUSTOMIZATIONS) {
      for (Path file : resourceFiles(dir)) {
        manifests.addAll(read(file));
      }
    }
    return manifests;
  }

  static List<Manifest> ofKind(String kind) {
    return all().stream().filter(m -> m.kind().equals(kind)).toList();
  }

  static Manifest named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /** Deployments and StatefulSets: what runs containers here. */
  static List<Manifest> workloads() {
    return all().stream()
        .filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
        .toList();
  }

  static List<Manifest> read(Path file) {
    try (var parser = YAML.createParser(file.toFile())) {
      List<Manifest> manifests = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              document -> {
                if (document != null && !document.isNull()) {
                  manifests.add(new Manifest(file, document));
                }
              });
      return manifests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readOne(Path file) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
