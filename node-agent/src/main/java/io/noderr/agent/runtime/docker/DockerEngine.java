package io.noderr.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's Docker Engine, as far as the agent uses it, over its API socket (no docker CLI).
 * Errors the engine answers with ({@link DockerException}) reach the caller; an engine that does
 * not answer at all surfaces as an unchecked exception, which Temporal retries.
 */
public final class DockerEngine implements AutoCloseable {

  /** Marks the containers the agent manages; the value is the release version. */
  static final String VERSION_LABEL = "io.noderr.version";

  /** The update (or revert) that started the container. */
  static final String UPDATE_LABEL = "io.noderr.update-id";

  /** The tag that keeps the rollback image from being pruned: one pinned image per node. */
  static final String PIN_REPOSITORY = "noderr/pinned-release";

  static final String PIN_TAG = "previous";

  /** The writable scratch space of a read-only container: small, and nothing in it runs. */
  private static final String TMP_OPTIONS = "rw,noexec,nosuid,nodev,size=64m";

  /** What to run. The image is an id, so the container runs exactly the verified image. */
  record ContainerSpec(
      String name,
      String imageId,
      Map<String, String> labels,
      List<String> env,
      ContainerHardening hardening) {}

  /** What a local image says about how to run it: its labels and its {@code USER} (or null). */
  record ImageConfig(Map<String, String> labels, String user) {}

  record ContainerState(boolean running, int restartCount, long exitCode) {}

  record ManagedContainer(String id, String updateId) {}

  private final URI host;
  private final DockerClient client;

  private DockerEngine(URI host, DockerClient client) {
    this.host = host;
    this.client = client;
  }

  /**
   * Connects to the engine at {@code host} ({@code unix:///var/run/docker.sock}, {@code
   * tcp://host:2375}) and checks that it answers.
   *
   * @throws IllegalStateException when it does not
   */
  public static DockerEngine connect(URI host) {
    // Host and TLS set explicitly: the default builder also reads DOCKER_* variables, and a stray
    // DOCKER_TLS_VERIFY must not turn a unix socket into TLS. Registry logins still apply to pulls.
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.toString())
            .withDockerTlsVerify(false)
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofMinutes(2))
            .build();
    DockerEngine engine = new DockerEngine(host, DockerClientImpl.getInstance(config, http));
    try {
      engine.client.pingCmd().exec();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw new IllegalStateException(
          "cannot reach the Docker Engine at " + host + ": " + e.getMessage(), e);
    }
  }

  public URI host() {
    return host;
  }

  /** The id ({@code sha256:...}) of the image {@code reference} names here, if it is here. */
  Optional<String> imageId(String reference) {
    try {
      return Optional.of(client.inspectImageCmd(reference).exec().getId());
    } catch (NotFoundException absent) {
      return Optional.empty();
    }
  }

  /**
   * Pulls {@code reference}, reporting each progress message the engine sends (a pull of a large
   * image must keep heartbeating, or Temporal would take the update for dead).
   */
  void pull(String reference, Duration timeout, Progress progress) throws ImageNotPulled {
    PullImageResultCallback reporting =
        new PullImageResultCallback() {
          @Override
          public void onNext(PullResponseItem item) {
            super.onNext(item);
            progress.report("pulling " + reference);
          }
        };
    try (PullImageResultCallback pull = client.pullImageCmd(reference).exec(reporting)) {
      if (!pull.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ImageNotPulled("the pull of " + reference + " took longer than " + timeout);
      }
    } catch (DockerException | DockerClientException e) {
      throw new ImageNotPulled(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageNotPulled("the pull of " + reference + " was interrupted");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The labels and user of a local image. */
  ImageConfig imageConfig(String imageId) {
    ContainerConfig config = client.inspectImageCmd(imageId).exec().getConfig();
    if (config == null) {
      return new ImageConfig(Map.of(), null);
    }
    return new ImageConfig(
        config.getLabels() == null ? Map.of() : config.getLabels(), config.getUser());
  }

  /** Tags {@code imageId} as the pinned release, which untags the one pinned before. */
  void pin(String imageId) {
    client.tagImageCmd(imageId, PIN_REPOSITORY, PIN_TAG).exec();
  }

  /**
   * Creates and starts a container of the node software: on the host's network (node software
   * serves peers on host ports), with an init process (so SIGTERM reaches the software even when it
   * runs as PID 1 and ignores it) and restarted with the engine unless the agent stopped it. It
   * gets no capabilities and cannot gain privileges (setuid binaries included), runs as the
   * hardening's user within its memory and CPU limits, and with a read-only root file system writes
   * only to a small {@code /tmp}.
   *
   * @return the container id
   * @throws DockerException when the engine refuses to create or start it (nothing is left behind)
   */
  String run(ContainerSpec spec) {
    String id =
        client
            .createContainerCmd(spec.imageId())
            .withName(spec.name())
            .withLabels(spec.labels())
            .withEnv(spec.env())
            .withUser(spec.hardening().user())
            .withHostConfig(hostConfig(spec.hardening()))
            .exec()
            .getId();
    try {
      client.startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      remove(id);
      throw e;
    }
  }

  private static HostConfig hostConfig(ContainerHardening hardening) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("host")
            .withInit(true)
            .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
            .withCapDrop(Capability.ALL)
            .withSecurityOpts(List.of("no-new-privileges:true"))
            .withMemory(hardening.memoryBytes())
            .withMemorySwap(hardening.memoryBytes())
            .withNanoCPUs(hardening.nanoCpus())
            .withReadonlyRootfs(hardening.readOnly());
    return hardening.readOnly() ? host.withTmpFs(Map.of("/tmp", TMP_OPTIONS)) : host;
  }

  Optional<ContainerState> inspect(String containerId) {
    try {
      InspectContainerResponse container = client.inspectContainerCmd(containerId).exec();
      InspectContainerResponse.ContainerState state = container.getState();
      return Optional.of(
          new ContainerState(
              Boolean.TRUE.equals(state.getRunning()),
              container.getRestartCount() == null ? 0 : container.getRestartCount(),
              state.getExitCodeLong() == null ? 0 : state.getExitCodeLong()));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  /** A container's labels (its image's included); none when it is gone. */
  Map<String, String> containerLabels(String containerId) {
    try {
      Map<String, String> labels =
          client.inspectContainerCmd(containerId).exec().getConfig().getLabels();
      return labels == null ? Map.of() : labels;
    } catch (NotFoundException gone) {
      return Map.of();
    }
  }

  /** Starts a stopped container again; one that runs already is left alone. */
  void start(String containerId) {
    try {
      client.startContainerCmd(containerId).exec();
    } catch (NotModifiedException alreadyRunning) {
      // nothing to do
    }
  }

  /** SIGTERM, then SIGKILL after {@code timeout}; a container that is gone or stopped is fine. */
  void stop(String containerId, Duration timeout) {
    try {
      client.stopContainerCmd(containerId).withTimeout((int) timeout.toSeconds()).exec();
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // nothing to do
    }
  }

  /** Removes a container, killing it if it runs; one that is gone already is fine. */
  void remove(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // nothing to do
    }
  }

  /** Every container the agent started, running or not. */
  List<ManagedContainer> managedContainers() {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(VERSION_LABEL))
        .exec()
        .stream()
        .map(c -> new ManagedContainer(c.getId(), c.getLabels().get(UPDATE_LABEL)))
        .toList();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the Docker Engine connection", e);
    }
  }
}
