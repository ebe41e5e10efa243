package io.noderr.agent.runtime.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Node software images for the tests, made the way a release pipeline without a registry would ship
 * them: a root file system holding a static busybox and a health file, packed as a {@code docker
 * save} archive and loaded through the API. (The API's import cannot set the command; an archive
 * carries its config.) The image id is the sha256 of that config, so the digest is known upfront.
 *
 * @param reference where the image is tagged; its registry is a closed local port, so a pull fails
 *     at once instead of waiting for a registry this machine cannot reach
 */
public record NodeSoftwareImage(String reference, String version, String digest) {

  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final String REPOSITORY = "127.0.0.1:9/noderr/node";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Serves {@code /health} (the version as its body) on {@code NODERR_HEALTH_PORT}. */
  public static NodeSoftwareImage serving(DockerClient client, String version) throws IOException {
    return serving(client, version, Map.of());
  }

  /** Serves {@code /health} like {@link #serving}, from an image carrying {@code labels}. */
  static NodeSoftwareImage serving(DockerClient client, String version, Map<String, String> labels)
      throws IOException {
    return load(client, version, httpd(true), null, labels);
  }

  /** Serves for a second, then exits: the engine restarts it, it exits again (a crash loop). */
  static NodeSoftwareImage crashing(DockerClient client, String version) throws IOException {
    return load(client, version, httpd(false) + " && exec /bin/busybox sleep 1", null, Map.of());
  }

  /** Runs as a user its root file system does not know: the engine cannot start it. */
  static NodeSoftwareImage unstartable(DockerClient client, String version) throws IOException {
    return load(client, version, httpd(true), "nosuchuser", Map.of());
  }

  /** An image the node never got: nothing is tagged here, and the registry cannot be reached. */
  static NodeSoftwareImage missing(String version) {
    return new NodeSoftwareImage(REPOSITORY + ":" + version, version, "sha256:" + "e".repeat(64));
  }

  /** busybox httpd serving /www; in the background it forks and the shell goes on. */
  private static String httpd(boolean foreground) {
    return "/bin/busybox httpd"
        + (foreground ? " -f" : "")
        + " -p 127.0.0.1:$NODERR_HEALTH_PORT -h /www";
  }

  private static NodeSoftwareImage load(
      DockerClient client,
      String version,
      String shellCommand,
      String user,
      Map<String, String> labels)
      throws IOException {
    if (!Files.isExecutable(BUSYBOX)) {
      throw new IllegalStateException("no " + BUSYBOX + ": apt-get install busybox-static");
    }
    byte[] layer = rootFileSystem(version);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("Cmd", List.of("/bin/busybox", "sh", "-c", shellCommand));
    if (user != null) {
      settings.put("User", user);
    }
    if (!labels.isEmpty()) {
      settings.put("Labels", labels);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", architecture());
    config.put("os", "linux");
    config.put("config", settings);
    config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + sha256(layer))));
    byte[] configJson = JSON.writeValueAsBytes(config);
    String reference = REPOSITORY + ":" + version;
    byte[] manifest =
        JSON.writeValueAsBytes(
            List.of(
                Map.of(
                    "Config",
                    "config.json",
                    "RepoTags",
                    List.of(reference),
                    "Layers",
                    List.of("layer.tar"))));
    byte[] archive =
        tar(
            Map.of("layer.tar", layer, "config.json", configJson, "manifest.json", manifest),
            Map.of());
    client.loadImageCmd(new ByteArrayInputStream(archive)).exec();
    String digest = "sha256:" + sha256(configJson);
    String loaded = client.inspectImageCmd(reference).exec().getId();
    if (!loaded.equals(digest)) {
      throw new IllegalStateException("loaded " + reference + " as " + loaded + ", not " + digest);
    }
    return new NodeSoftwareImage(reference, version, digest);
  }

  /**
   * The directories come first and are listed explicitly, as an image build makes them: implied
   * ones would be 0700, and the agent runs node software as an unprivileged user by default.
   */
  private static byte[] rootFileSystem(String version) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("bin/", new byte[0]);
    files.put("www/", new byte[0]);
    files.put("bin/busybox", Files.readAllBytes(BUSYBOX));
    files.put("www/health", version.getBytes(StandardCharsets.UTF_8));
    return tar(files, Map.of("bin/", 0755, "www/", 0755, "bin/busybox", 0755));
  }

  /** A tar of {@code files} (mode 0644 unless {@code modes} says otherwise). */
  private static byte[] tar(Map<String, byte[]> files, Map<String, Integer> modes)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (var file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        int mode = modes.getOrDefault(file.getKey(), 0644);
        entry.setMode(entry.isDirectory() ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode : mode);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String architecture() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> System.getProperty("os.arch");
    };
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
