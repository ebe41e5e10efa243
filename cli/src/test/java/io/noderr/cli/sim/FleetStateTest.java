package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.agent.runtime.RunningRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStateTest {

  private static final RunningRelease V1 = new RunningRelease("1.0.0", "sha256:01");
  private static final RunningRelease V2 = new RunningRelease("2.0.0", "sha256:02");

  @TempDir Path dir;

  @Test
  void aFleet_readBack_hasTheSameNodes_releases_pinnedPrevious_andAppliedCounts() {
    Path file = dir.resolve("sim.json");
    FleetState state = FleetState.open(file);
    assertThat(state.join(List.of("n-1", "n-2"), V1)).containsEntry("n-1", V1);
    state.applied("n-2", "u-1", V2, V1);

    FleetState reopened = FleetState.open(file);
    assertThat(reopened.versions()).isEqualTo(Map.of("n-1", "1.0.0", "n-2", "2.0.0"));
    assertThat(reopened.previous("n-2")).contains(V1);
    assertThat(reopened.previous("n-1")).isEmpty();
    assertThat(reopened.timesApplied("n-2", "u-1")).isEqualTo(1);
    assertThat(reopened.appliedUpdates()).isEqualTo(Map.of("n-2", Map.of("u-1", 1)));
    // Known nodes keep what they run, whatever the fleet's starting version says now.
    assertThat(reopened.join(List.of("n-2", "n-3"), V1)).containsEntry("n-2", V2);
    assertThat(dir.toFile().list()).containsExactly("sim.json"); // no temporary file left
  }

  @Test
  void changesFromManyThreads_areAllOnDisk_whenEachReturns() throws Exception {
    Path file = dir.resolve("sim.json");
    FleetState state = FleetState.open(file);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      nodes.add("n-" + i);
    }
    state.join(nodes, V1);
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (String node : nodes) {
        pool.submit(() -> state.applied(node, "u-" + node, V2, V1));
      }
    }
    FleetState reopened = FleetState.open(file);
    assertThat(reopened.appliedUpdates()).hasSize(200);
    assertThat(reopened.versions().values()).containsOnly("2.0.0");
  }

  @Test
  void aFileThatIsNotAFleetsState_isRefusedInOneLine() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"format\":\"something/9\"}");

    assertThatThrownBy(() -> FleetState.open(garbage))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(garbage + " is not a simulated fleet's state")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> FleetState.open(other))
        .hasMessage(other + " is not a simulated fleet's state (noderr-sim-fleet/1 expected)");
  }
}
