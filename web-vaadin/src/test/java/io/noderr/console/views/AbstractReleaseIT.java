package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.console.release.ReleaseForm;
import io.noderr.console.release.ReleaseService;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The release views' tests: the real ReleaseApprovalWorkflow with the worker's release activities
 * on the local beacon in PostgreSQL, whose multisig is the three demo signers, 2 of 3. Every test
 * starts with no release request and an empty beacon (the multisig's nonce back at 0), because the
 * service allows one open request at a time and a version only above the tier's current one.
 */
abstract class AbstractReleaseIT extends AbstractKaribuIT {

  /** A well-formed image digest (the proposal form wants {@code sha256:} and 64 hex digits). */
  static final String IMAGE_DIGEST = "sha256:" + "ab".repeat(32);

  /** The local beacon's default chain id ({@code noderr.beacon.local.chain-id}). */
  static final long LOCAL_CHAIN_ID = 1337;

  private static final Duration WORKFLOW_WRITES = Duration.ofSeconds(20);

  @Autowired ReleaseService releases;
  @Autowired ReleaseRequests requests;
  @Autowired WorkflowClient temporal;
  @Autowired JdbcTemplate jdbc;

  /**
   * Ends the open requests' workflows (their ids come back, {@code release-<tier>-<version>}), then
   * empties the release read model and puts the local beacon back to its migrated state, as the
   * registry's own test database does.
   */
  @BeforeEach
  void forgetEveryRelease() {
    jdbc.queryForList(
            "SELECT id FROM release_requests WHERE status IN ('PREPARING', 'AWAITING_SIGNATURES',"
                + " 'PUBLISHING')",
            String.class)
        .forEach(this::terminate);
    jdbc.execute(
        "TRUNCATE release_requests, release_signatures, beacon_events, beacon_cursor RESTART IDENTITY;"
            + " UPDATE local_beacon SET version = NULL, image_digest = NULL,"
            + " minimum_version = NULL, notes_uri = NULL, published_at = NULL, paused = false;"
            + " UPDATE local_multisig SET nonce = 0");
  }

  /** An admin's proposal, made through the service; answers once the read model lists it. */
  ReleaseDetails proposeAsAdmin(String tier, String version) {
    ReleaseDetails proposed =
        runAs(
            "admin",
            () ->
                releases.propose(
                    new ReleaseForm(tier, version, IMAGE_DIGEST, null, null, null, 72, null),
                    SecurityContextHolder.getContext().getAuthentication()));
    awaitStatus(proposed.id(), "AWAITING_SIGNATURES");
    return proposed;
  }

  /** Waits until the workflow has written {@code status} to the read model (its own activity). */
  ReleaseRow awaitStatus(String id, String status) {
    return awaitRow(id, row -> row.status().equals(status));
  }

  /** Waits until the request's row in the read model (written by the workflow) matches. */
  ReleaseRow awaitRow(String id, Predicate<ReleaseRow> written) {
    return await()
        .atMost(WORKFLOW_WRITES)
        .until(() -> requests.find(id), row -> row.isPresent() && written.test(row.get()))
        .orElseThrow();
  }

  /** The value of the detail line labelled {@code label} under {@code root} ("-" when empty). */
  static String line(Component root, String label) {
    return lines(root, label).stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + label + "'"));
  }

  private static List<String> lines(Component root, String label) {
    return _find(root, HorizontalLayout.class).stream()
        .map(line -> line.getChildren().toList())
        .filter(
            spans ->
                spans.size() == 2
                    && spans.get(0) instanceof Span name
                    && name.getText().equals(label))
        .map(spans -> ((Span) spans.get(1)).getText())
        .toList();
  }

  /** The texts of the notifications shown so far. */
  static List<String> notifications() {
    return NotificationsKt.getNotifications().stream()
        .map(n -> n.getElement().getProperty("text"))
        .toList();
  }

  /** Terminates a workflow as an SRE would in the Temporal UI (a closed one is left alone). */
  void terminate(String workflowId) {
    try {
      temporal.newUntypedWorkflowStub(workflowId).terminate("test clean-up");
    } catch (WorkflowException alreadyClosed) {
      // ended meanwhile: nothing to stop
    }
  }
}
