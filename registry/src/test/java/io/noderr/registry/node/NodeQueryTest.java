package io.noderr.registry.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.Tier;
import org.junit.jupiter.api.Test;

class NodeQueryTest {

  private static NodeQuery query(
      String text, String version, NodeSort sort, int offset, int limit) {
    return new NodeQuery(null, null, version, text, sort, false, offset, limit);
  }

  @Test
  void rejectsLimitZero() {
    assertThatThrownBy(() -> query(null, null, NodeSort.ID, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void rejectsLimitAboveTheMaximum() {
    assertThatThrownBy(() -> query(null, null, NodeSort.ID, 0, NodeQuery.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void rejectsNegativeOffset() {
    assertThatThrownBy(() -> query(null, null, NodeSort.ID, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
  }

  @Test
  void acceptsTheBoundaries() {
    assertThat(query(null, null, NodeSort.ID, 0, 1).limit()).isEqualTo(1);
    assertThat(query(null, null, NodeSort.ID, 0, NodeQuery.MAX_LIMIT).limit()).isEqualTo(500);
  }

  @Test
  void normalizesBlankFiltersToNull_andStripsText() {
    NodeQuery blank = query("   ", "", null, 0, 10);
    NodeQuery padded = query("  acme ", " 1.2.0 ", null, 0, 10);

    assertThat(blank.text()).isNull();
    assertThat(blank.version()).isNull();
    assertThat(padded.text()).isEqualTo("acme");
    assertThat(padded.version()).isEqualTo("1.2.0");
  }

  @Test
  void defaultsSortToId() {
    assertThat(query(null, null, null, 0, 10).sort()).isEqualTo(NodeSort.ID);
  }

  @Test
  void page_keepsFiltersAndSort_andValidatesTheNewWindow() {
    NodeQuery query =
        new NodeQuery(
            Tier.ORACLE, NodeStatus.ACTIVE, "1.2.0", "eu", NodeSort.LAST_SEEN, true, 0, 5);

    assertThat(query.page(10, 20))
        .isEqualTo(
            new NodeQuery(
                Tier.ORACLE, NodeStatus.ACTIVE, "1.2.0", "eu", NodeSort.LAST_SEEN, true, 10, 20));
    assertThatThrownBy(() -> query.page(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
