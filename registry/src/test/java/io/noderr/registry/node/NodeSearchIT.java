package io.noderr.registry.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeSearchIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final NodeSearch search = db.bean(NodeSearch.class);

  /**
   * Six nodes. Ids are plain so their order is the same in every collation. Last seen is in seconds
   * ago; null means the node never reported.
   */
  @BeforeEach
  void fleet() {
    node("alpha-1", "acme", Tier.ORACLE, "eu-west", "ACTIVE", "1.2.0", 10);
    node("alpha-2", "acme", Tier.GUARDIAN, "us-east", "DEGRADED", "1.1.0", 300);
    node("beta-1", "borealis", Tier.ORACLE, "EU-North", "ACTIVE", "1.2.0", null);
    node("beta-2", "borealis", Tier.ALL, "ap-south", "QUARANTINED", null, 3600);
    node("gamma-1", "gamma", Tier.ALL, "us-west", "ACTIVE", "1.2.0", 60);
    node("gamma-2", "gamma", Tier.GUARDIAN, "us-west", "ACTIVE", "1.0.0", null);
  }

  private static void node(
      String id,
      String operator,
      Tier tier,
      String region,
      String status,
      String version,
      Integer lastSeenSecondsAgo) {
    db.insertNode(id, operator, tier, region, status);
    db.jdbc()
        .update(
            "UPDATE nodes SET version = ?,"
                + " last_heartbeat = now() - make_interval(secs => ?::int) WHERE id = ?",
            version,
            lastSeenSecondsAgo,
            id);
  }

  private static NodeQuery where(Tier tier, NodeStatus status, String version, String text) {
    return new NodeQuery(tier, status, version, text, NodeSort.ID, false, 0, 100);
  }

  private static NodeQuery sortedBy(NodeSort sort, boolean descending) {
    return new NodeQuery(null, null, null, null, sort, descending, 0, 100);
  }

  private List<String> ids(NodeQuery query) {
    return search.rows(query).stream().map(NodeRow::id).toList();
  }

  @Test
  void rows_carryTheNodesColumns() {
    NodeRow row = search.rows(where(null, null, null, "alpha-1")).getFirst();

    assertThat(row.id()).isEqualTo("alpha-1");
    assertThat(row.operator()).isEqualTo("acme");
    assertThat(row.tier()).isEqualTo(Tier.ORACLE);
    assertThat(row.region()).isEqualTo("eu-west");
    assertThat(row.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(row.version()).isEqualTo("1.2.0");
    assertThat(row.health()).isNull();
    assertThat(row.attestation()).isEqualTo(AttestationStatus.UNATTESTED);
    assertThat(row.lastSeen()).isNotNull();
  }

  @Test
  void noFilters_matchEveryNode() {
    assertThat(search.find(where(null, null, null, null)).total()).isEqualTo(6);
  }

  @Test
  void filtersByTier() {
    assertThat(ids(where(Tier.ORACLE, null, null, null))).containsExactly("alpha-1", "beta-1");
  }

  @Test
  void filtersByStatus() {
    assertThat(ids(where(null, NodeStatus.ACTIVE, null, null)))
        .containsExactly("alpha-1", "beta-1", "gamma-1", "gamma-2");
    assertThat(ids(where(null, NodeStatus.DEGRADED, null, null))).containsExactly("alpha-2");
    assertThat(ids(where(null, NodeStatus.RETIRED, null, null))).isEmpty();
  }

  @Test
  void filtersByExactVersion() {
    assertThat(ids(where(null, null, "1.2.0", null)))
        .containsExactly("alpha-1", "beta-1", "gamma-1");
    assertThat(ids(where(null, null, " 1.0.0 ", null))).containsExactly("gamma-2");
    assertThat(ids(where(null, null, "1.2", null))).isEmpty();
  }

  @Test
  void combinesFilters() {
    assertThat(ids(where(Tier.ALL, NodeStatus.ACTIVE, null, null))).containsExactly("gamma-1");
    assertThat(ids(where(null, NodeStatus.ACTIVE, "1.2.0", "gamma"))).containsExactly("gamma-1");
  }

  @Test
  void text_matchesIdOperatorAndRegion_caseInsensitively() {
    assertThat(ids(where(null, null, null, "BETA"))).containsExactly("beta-1", "beta-2");
    assertThat(ids(where(null, null, null, "Acme"))).containsExactly("alpha-1", "alpha-2");
    assertThat(ids(where(null, null, null, "eu-"))).containsExactly("alpha-1", "beta-1");
    assertThat(ids(where(null, null, null, "  us-WEST "))).containsExactly("gamma-1", "gamma-2");
    assertThat(ids(where(null, null, null, "nowhere"))).isEmpty();
  }

  @Test
  void text_treatsLikeWildcardsAndBackslashLiterally() {
    node("100%-up", "percent", Tier.ALL, "x", "ACTIVE", null, null);
    node("1000-up", "percent", Tier.ALL, "x", "ACTIVE", null, null);
    node("under_score", "us", Tier.ALL, "x", "ACTIVE", null, null);
    node("underXscore", "us", Tier.ALL, "x", "ACTIVE", null, null);
    node("back\\slash", "bs", Tier.ALL, "x", "ACTIVE", null, null);

    assertThat(ids(where(null, null, null, "100%"))).containsExactly("100%-up");
    assertThat(ids(where(null, null, null, "%"))).containsExactly("100%-up");
    assertThat(ids(where(null, null, null, "r_s"))).containsExactly("under_score");
    assertThat(ids(where(null, null, null, "k\\s"))).containsExactly("back\\slash");
    assertThat(ids(where(null, null, null, "\\"))).containsExactly("back\\slash");
  }

  @Test
  void sortsById_bothWays() {
    assertThat(ids(sortedBy(NodeSort.ID, false)))
        .containsExactly("alpha-1", "alpha-2", "beta-1", "beta-2", "gamma-1", "gamma-2");
    assertThat(ids(sortedBy(NodeSort.ID, true)))
        .containsExactly("gamma-2", "gamma-1", "beta-2", "beta-1", "alpha-2", "alpha-1");
  }

  @Test
  void sortsByTier_breakingTiesById() {
    // ALL < GUARDIAN < ORACLE; the id tie-break stays ascending in both directions.
    assertThat(ids(sortedBy(NodeSort.TIER, false)))
        .containsExactly("beta-2", "gamma-1", "alpha-2", "gamma-2", "alpha-1", "beta-1");
    assertThat(ids(sortedBy(NodeSort.TIER, true)))
        .containsExactly("alpha-1", "beta-1", "alpha-2", "gamma-2", "beta-2", "gamma-1");
  }

  @Test
  void sortsByVersion_withUnknownVersionsFirstAscendingAndLastDescending() {
    assertThat(ids(sortedBy(NodeSort.VERSION, false)))
        .containsExactly("beta-2", "gamma-2", "alpha-2", "alpha-1", "beta-1", "gamma-1");
    assertThat(ids(sortedBy(NodeSort.VERSION, true)))
        .containsExactly("alpha-1", "beta-1", "gamma-1", "alpha-2", "gamma-2", "beta-2");
  }

  @Test
  void sortsByLastSeen_neverSeenNodesCountAsTheOldest() {
    assertThat(ids(sortedBy(NodeSort.LAST_SEEN, false)))
        .containsExactly("beta-1", "gamma-2", "beta-2", "alpha-2", "gamma-1", "alpha-1");
    assertThat(ids(sortedBy(NodeSort.LAST_SEEN, true)))
        .containsExactly("alpha-1", "gamma-1", "alpha-2", "beta-2", "beta-1", "gamma-2");
  }

  @Test
  void sortsByOperatorAndStatus() {
    assertThat(ids(sortedBy(NodeSort.OPERATOR, true)))
        .containsExactly("gamma-1", "gamma-2", "beta-1", "beta-2", "alpha-1", "alpha-2");
    assertThat(ids(sortedBy(NodeSort.STATUS, false)))
        .containsExactly("alpha-1", "beta-1", "gamma-1", "gamma-2", "alpha-2", "beta-2");
  }

  @Test
  void paging_walksTheWholeListOnce_evenThroughTies() {
    for (NodeSort sort : NodeSort.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        NodeQuery all = new NodeQuery(null, null, null, null, sort, descending, 0, 100);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
          paged.addAll(ids(all.page(offset, 2)));
        }

        assertThat(paged).as("%s desc=%s", sort, descending).isEqualTo(ids(all));
        assertThat(paged).doesNotHaveDuplicates().hasSize(6);
      }
    }
  }

  @Test
  void find_returnsOnePage_withTheTotalOfAllMatches() {
    NodeQuery active = new NodeQuery(null, NodeStatus.ACTIVE, null, null, NodeSort.ID, false, 0, 3);

    NodePage first = search.find(active);
    NodePage second = search.find(active.page(3, 3));
    NodePage beyond = search.find(active.page(10, 3));

    assertThat(first.rows())
        .extracting(NodeRow::id)
        .containsExactly("alpha-1", "beta-1", "gamma-1");
    assertThat(first.total()).isEqualTo(4);
    assertThat(second.rows()).extracting(NodeRow::id).containsExactly("gamma-2");
    assertThat(second.total()).isEqualTo(4);
    assertThat(beyond.rows()).isEmpty();
    assertThat(beyond.total()).isEqualTo(4);
  }

  @Test
  void count_appliesTheSameFiltersAsRows() {
    NodeQuery query = where(null, null, null, "us-");

    assertThat(search.count(query)).isEqualTo(3).isEqualTo(ids(query).size());
  }
}
