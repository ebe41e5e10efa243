package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.console.fleet.NodeDetails.LinkedRun;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.workflow.WorkflowRunStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The node page in Karibu: what it shows, and that only admins may start a health check. */
class NodeDetailViewIT extends AbstractKaribuIT {

  private static final String NODE = "detail-oracle-1";

  @Autowired NodeEnrollment enrollment;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void seed() {
    enrollment.enroll(
        List.of(new EnrollmentRequest(NODE, "detailco", Tier.ORACLE, "eu-north", Labels.none())),
        "test");
  }

  @Test
  void anAdminStartsAHealthCheckFromTheNodePage() {
    startAs("admin");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    assertThat(_get(H2.class, spec -> spec.withId("node-title")).getText()).isEqualTo(NODE);
    assertThat(auditGrid().getListDataView().getItems().map(AuditEntry::action))
        .contains("node.enrolled");
    int before = _size(workflowGrid());

    ButtonKt._click(_get(Button.class, spec -> spec.withId("check-health")));

    List<Notification> notifications = NotificationsKt.getNotifications();
    assertThat(notifications).hasSize(1);
    String text = notifications.get(0).getElement().getProperty("text");
    assertThat(text).startsWith("Health check started: health-check-" + NODE + "-");
    String workflowId = text.substring("Health check started: ".length());

    assertThat(
            jdbc.queryForObject(
                "SELECT started_by FROM workflow_runs WHERE workflow_id = ? AND subject = ?",
                String.class,
                workflowId,
                NODE))
        .isEqualTo("admin");
    // The page shows the new run at the top.
    Grid<LinkedRun> runs = workflowGrid();
    assertThat(_size(runs)).isEqualTo(before + 1);
    assertThat(_get(runs, 0).run().workflowId()).isEqualTo(workflowId);
    assertThat(_get(runs, 0).run().status()).isEqualTo(WorkflowRunStatus.RUNNING);
  }

  @Test
  void anSreSeesTheNodeButNoHealthCheckButton() {
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    assertThat(_get(H2.class, spec -> spec.withId("node-title")).getText()).isEqualTo(NODE);
    _assertNone(Button.class, spec -> spec.withId("check-health"));
    // Its health checks, onboarding and rollout batches, by the node id they carry.
    assertThat(_get(Anchor.class, spec -> spec.withId("node-temporal-ui")).getHref())
        .isEqualTo(
            "http://temporal-ui.test:8233/namespaces/default/workflows?query="
                + "NoderrNodeId%3D%22detail-oracle-1%22");
  }

  @Test
  void anUnknownNodeSaysSo() {
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("no-such-node"));

    _get(H2.class, spec -> spec.withText("Node not found"));
    _assertNone(Button.class, spec -> spec.withId("check-health"));
  }

  @Test
  void aSignerMayNotOpenANode() {
    startAs("signer2");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
    _assertNone(NodeDetailView.class);
  }

  @SuppressWarnings("unchecked")
  private static Grid<LinkedRun> workflowGrid() {
    return _get(Grid.class, spec -> spec.withId("node-workflows"));
  }

  @SuppressWarnings("unchecked")
  private static Grid<AuditEntry> auditGrid() {
    return _get(Grid.class, spec -> spec.withId("node-audit"));
  }
}
