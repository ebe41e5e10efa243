package io.noderr.agent.cli;

import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.docker.DockerContainerRuntime;
import io.noderr.agent.runtime.docker.DockerEngine;
import io.noderr.agent.runtime.docker.DockerNodeUpdates;
import io.noderr.agent.runtime.docker.DockerSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The node software of one agent: the runtime its heartbeats read and, when the agent runs the
 * software on Docker, the update activities its worker serves.
 */
final class NodeSoftware implements AutoCloseable {

  private final ContainerRuntime runtime;
  private final DockerEngine engine;
  private final Path stateDir;
  private final DockerSettings settings;

  private NodeSoftware(
      ContainerRuntime runtime, DockerEngine engine, Path stateDir, DockerSettings settings) {
    this.runtime = runtime;
    this.engine = engine;
    this.stateDir = stateDir;
    this.settings = settings;
  }

  /** Software run by other means: no updates here. */
  static NodeSoftware declared(ContainerRuntime runtime) {
    return new NodeSoftware(runtime, null, null, null);
  }

  static NodeSoftware containers(
      DockerEngine engine, Path stateDir, DockerSettings settings, RunningRelease declared) {
    return new NodeSoftware(
        new DockerContainerRuntime(stateDir, engine, settings.health(), declared),
        engine,
        stateDir,
        settings);
  }

  ContainerRuntime runtime() {
    return runtime;
  }

  /** The activities that install releases on this node (none unless the agent runs Docker). */
  List<Object> updateActivities(String nodeId, NodeReleaseActivities digestCheck) {
    return engine == null
        ? List.of()
        : List.of(new DockerNodeUpdates(nodeId, engine, stateDir, digestCheck, settings));
  }

  /** Where the node software runs, for people. */
  String describe() {
    return engine == null
        ? "its own (not run by the agent)"
        : "the Docker Engine at " + engine.host();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
