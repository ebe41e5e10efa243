package io.noderr.agent.runtime.docker;

import io.noderr.agent.state.JsonFile;
import java.nio.file.Path;

/**
 * {@code releases.json} in the agent's state directory. Read afresh every time (it is small), so
 * the heartbeat's runtime and the update activity can each hold their own store.
 */
final class ReleaseStore {

  static final String NAME = "releases.json";

  private final JsonFile<NodeReleases> file;

  ReleaseStore(Path stateDir) {
    this.file = new JsonFile<>(stateDir.resolve(NAME), NodeReleases.class);
  }

  NodeReleases read() {
    return file.read().orElse(NodeReleases.NOTHING_INSTALLED);
  }

  void save(NodeReleases releases) {
    file.write(releases);
  }
}
