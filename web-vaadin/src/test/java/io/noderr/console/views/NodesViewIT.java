package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.registry.Tier;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.node.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Nodes view in Karibu's browserless Vaadin, inside the real Spring context (Spring-managed
 * views, method security, PostgreSQL): the lazy grid and its filters, and who may open it.
 */
class NodesViewIT extends AbstractKaribuIT {

  /** Nodes beyond the grid's page size of 50, so the lazy grid has to fetch a second page. */
  private static final int BULK = 57;

  @Autowired NodeEnrollment enrollment;
  @Autowired LivenessRegistry liveness;

  private final List<String> seeded = new ArrayList<>();

  @BeforeEach
  void seed() {
    // A known fleet: the grid lists every node.
    emptyFleet();
    List<EnrollmentRequest> nodes = new ArrayList<>();
    nodes.add(node("view-all-1", "initech", Tier.ALL, "eu-west"));
    nodes.add(node("view-guardian-1", "acme", Tier.GUARDIAN, "ap-south"));
    nodes.add(node("view-oracle-1", "acme", Tier.ORACLE, "eu-west"));
    nodes.add(node("view-oracle-2", "globex", Tier.ORACLE, "us-east"));
    IntStream.range(0, BULK)
        .mapToObj(i -> node("view-zz-%02d".formatted(i), "bulkco", Tier.GUARDIAN, "sa-east"))
        .forEach(nodes::add);
    enrollment.enroll(nodes, "test");
    nodes.forEach(n -> seeded.add(n.nodeId()));
    liveness.recordHeartbeats(
        List.of(
            new LivenessReport("view-oracle-1", "1.0.0", null, "HEALTHY", 10, 20, 30),
            new LivenessReport("view-oracle-2", "1.1.0", null, "UNHEALTHY", 10, 20, 30)));
    jdbc.update("UPDATE nodes SET status = 'QUARANTINED' WHERE id = 'view-all-1'");
  }

  @Test
  void anAdminSeesEveryNodeInTheLazyGrid() {
    startAs("admin");
    UI.getCurrent().navigate(NodesView.class);

    NodesView view = _get(NodesView.class);
    assertThat(_size(view.grid)).isEqualTo(seeded.size());
    assertThat(rows(view)).extracting(NodeRow::id).containsExactlyElementsOf(seeded);
    assertThat(_get(view.grid, 0).id()).isEqualTo("view-all-1");
    // The last row lives on the second page of 50.
    assertThat(_get(view.grid, seeded.size() - 1).id()).isEqualTo("view-zz-56");
    assertMatching(seeded.size());

    // Cells as the user sees them.
    int oracle = seeded.indexOf("view-oracle-1");
    assertThat(_getFormatted(view.grid, oracle, "TIER")).isEqualTo("ORACLE");
    assertThat(_getFormatted(view.grid, oracle, "OPERATOR")).isEqualTo("acme");
    assertThat(_getFormatted(view.grid, oracle, "VERSION")).isEqualTo("1.0.0");
    assertThat(_getFormatted(view.grid, oracle, "LAST_SEEN")).endsWith(" s ago");
    assertThat(_getFormatted(view.grid, 0, "STATUS")).isEqualTo("QUARANTINED");
    assertThat(_getFormatted(view.grid, 0, "LAST_SEEN")).isEqualTo("never");

    // The layout greets the user and offers the Nodes page.
    _assertOne(Span.class, spec -> spec.withText("admin"));
    _assertOne(SideNavItem.class, spec -> spec.withPredicate(i -> "Nodes".equals(i.getLabel())));
  }

  @Test
  void theTierFilterShowsOnlyThatTier() {
    startAs("admin");
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);

    _setValue(view.tier, Tier.ORACLE);
    assertThat(_size(view.grid)).isEqualTo(2);
    assertThat(rows(view))
        .allSatisfy(row -> assertThat(row.tier()).isEqualTo(Tier.ORACLE))
        .extracting(NodeRow::id)
        .containsExactly("view-oracle-1", "view-oracle-2");
    assertMatching(2);

    _setValue(view.tier, Tier.GUARDIAN);
    assertThat(_size(view.grid)).isEqualTo(BULK + 1);
    assertThat(rows(view)).allSatisfy(row -> assertThat(row.tier()).isEqualTo(Tier.GUARDIAN));

    _setValue(view.tier, null);
    assertThat(_size(view.grid)).isEqualTo(seeded.size());
  }

  @Test
  void searchStatusAndVersionFilterAndCombine() {
    startAs("sre");
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);

    // search matches id, operator and region, ignoring case
    _setValue(view.search, "ACME");
    assertThat(ids(view)).containsExactly("view-guardian-1", "view-oracle-1");
    _setValue(view.search, "eu-west");
    assertThat(ids(view)).containsExactly("view-all-1", "view-oracle-1");
    _setValue(view.search, "oracle-2");
    assertThat(ids(view)).containsExactly("view-oracle-2");
    _setValue(view.search, "view-zz-0");
    assertThat(_size(view.grid)).isEqualTo(10);
    _setValue(view.search, "nothing-like-this");
    assertThat(_size(view.grid)).isZero();
    assertMatching(0);

    // search and tier combine
    _setValue(view.search, "acme");
    _setValue(view.tier, Tier.ORACLE);
    assertThat(ids(view)).containsExactly("view-oracle-1");

    _setValue(view.search, "");
    _setValue(view.tier, null);
    _setValue(view.status, NodeStatus.QUARANTINED);
    assertThat(ids(view)).containsExactly("view-all-1");

    _setValue(view.status, null);
    _setValue(view.version, "1.1.0");
    assertThat(ids(view)).containsExactly("view-oracle-2");
  }

  @Test
  void sortingByAColumnReordersTheRows() {
    startAs("admin");
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);

    _sortByKey(view.grid, "ID", SortDirection.DESCENDING);
    assertThat(_get(view.grid, 0).id()).isEqualTo("view-zz-56");
    _sortByKey(view.grid, "VERSION", SortDirection.DESCENDING);
    assertThat(_get(view.grid, 0).id()).isEqualTo("view-oracle-2");
    _sortByKey(view.grid, "REGION", SortDirection.ASCENDING);
    assertThat(_get(view.grid, 0).region()).isEqualTo("ap-south");
  }

  @Test
  void clickingARowOpensTheNode() {
    startAs("admin");
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);
    _setValue(view.search, "globex");

    GridKt._clickItem(view.grid, 0, 1, false, false, false, false);

    NavigatorKt.expectView(NodeDetailView.class);
    assertThat(_get(H2.class, spec -> spec.withId("node-title")).getText())
        .isEqualTo("view-oracle-2");
  }

  @Test
  void aSignerMayNotOpenTheNodesView() {
    startAs("signer1");
    // The dashboard is theirs...
    UI.getCurrent().navigate(DashboardView.class);
    NavigatorKt.expectView(DashboardView.class);
    // ...without a Nodes entry in the menu...
    _assertNone(SideNavItem.class, spec -> spec.withPredicate(i -> "Nodes".equals(i.getLabel())));
    // ...and the Nodes view refuses them: access denied, and no NodesView was made.
    UI.getCurrent().navigate(NodesView.class);
    RouteNotFoundError refused = _get(RouteNotFoundError.class);
    assertThat(refused.getElement().getOuterHTML())
        .contains("Could not navigate to 'nodes'")
        .contains("Access is denied");
    _assertNone(NodesView.class);
    _assertNone(Grid.class);
  }

  @Test
  void anonymousVisitorsAreSentToTheLoginView() {
    startAnonymous();
    UI.getCurrent().navigate(NodesView.class);
    NavigatorKt.expectView(LoginView.class);
    _assertNone(NodesView.class);
  }

  // ---------------------------------------------------------------- helpers

  private static List<NodeRow> rows(NodesView view) {
    return GridKt._fetch(view.grid, 0, _size(view.grid));
  }

  private static List<String> ids(NodesView view) {
    return rows(view).stream().map(NodeRow::id).toList();
  }

  private static void assertMatching(int count) {
    _assertOne(Span.class, spec -> spec.withText(count + " matching"));
  }

  private static EnrollmentRequest node(String id, String operator, Tier tier, String region) {
    return new EnrollmentRequest(id, operator, tier, region, Labels.none());
  }
}
