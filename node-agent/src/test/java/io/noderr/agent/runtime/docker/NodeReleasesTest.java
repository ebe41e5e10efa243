package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.agent.runtime.docker.NodeReleases.Deployment;
import io.noderr.agent.runtime.docker.NodeReleases.RecordedOutcome;
import io.noderr.agent.runtime.docker.NodeReleases.Release;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state the agent keeps between updates, and how it survives a restart ({@code releases.json}).
 */
class NodeReleasesTest {

  private static final Release V1 = new Release("1.0.0", "noderr/node:1.0.0", digest('a'));
  private static final Release V2 = new Release("2.0.0", "noderr/node:2.0.0", digest('b'));
  private static final RecordedOutcome UPDATED = new RecordedOutcome(Outcome.UPDATED, null, "ok");

  @TempDir Path stateDir;

  @Test
  void survivesARestart_asWritten() {
    NodeReleases state =
        NodeReleases.NOTHING_INSTALLED
            .committed(new Deployment(V2, "c2", 8081, Strategy.HAND_OVER), V1, "u-2", UPDATED)
            .undone("u-3", new RecordedOutcome(Outcome.REVERTED, FailureType.UNHEALTHY, "HTTP 503"))
            .swapping("u-4");
    new ReleaseStore(stateDir).save(state);

    assertThat(new ReleaseStore(stateDir).read()).isEqualTo(state);
  }

  @Test
  void aNodeWithoutStateHasNothingInstalled() {
    assertThat(new ReleaseStore(stateDir).read()).isEqualTo(NodeReleases.NOTHING_INSTALLED);
  }

  @Test
  void remembersTheRecentOutcomes_dropsTheOldest() {
    NodeReleases state = NodeReleases.NOTHING_INSTALLED;
    for (int i = 0; i <= NodeReleases.REMEMBERED_OUTCOMES; i++) {
      state = state.undone("u-" + i, UPDATED);
    }
    assertThat(state.outcomes()).hasSize(NodeReleases.REMEMBERED_OUTCOMES);
    assertThat(state.outcomeOf("u-0")).isEmpty();
    assertThat(state.outcomeOf("u-" + NodeReleases.REMEMBERED_OUTCOMES)).contains(UPDATED);
  }

  @Test
  void aRelease_isTheSameDigest_inAnySpelling() {
    assertThat(V1.is("1.0.0", "0x" + "A".repeat(64))).isTrue();
    assertThat(V1.is("1.0.1", V1.digest())).isFalse();
    assertThat(V1.is("1.0.0", "not a digest")).isFalse();
  }

  private static String digest(char hex) {
    return "sha256:" + String.valueOf(hex).repeat(64);
  }
}
