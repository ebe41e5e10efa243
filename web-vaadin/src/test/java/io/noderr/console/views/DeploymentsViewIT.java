package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Deployments view in Karibu on the real Spring context with the real RolloutWorkflow: a
 * deployment started from the form (to a tier with no nodes, so it completes at once), rolled back
 * through the verb dialog; a malformed request refused in the rules' words; roles.
 */
class DeploymentsViewIT extends AbstractKaribuIT {

  private static final String DIGEST = "sha256:" + "d1".repeat(32);

  @Test
  void admin_startsADeployment_watchesItComplete_andRollsItBack() {
    startAs("admin");
    DeploymentsView view = open();

    _setValue(view.version, "3.0.1");
    _setValue(view.tiers, Set.of("GUARDIAN"));
    _setValue(view.imageDigest, DIGEST);
    _setValue(view.steps, "100%");
    _click(view.start);

    assertThat(AbstractReleaseIT.notifications()).contains("rollout-GUARDIAN-3.0.1 started");
    awaitDetails(view, "COMPLETED");
    _click(_get(Button.class, spec -> spec.withId("deployment-rollback")));
    RejectDialog dialog = _get(RejectDialog.class);
    _setValue(dialog.reason, "drill");
    _click(_get(Button.class, spec -> spec.withId("confirm-reject")));
    awaitDetails(view, "ROLLED_BACK");
  }

  @Test
  void aMalformedRequest_isRefusedInTheRulesWords() {
    startAs("admin");
    DeploymentsView view = open();

    _setValue(view.version, "latest");
    _setValue(view.imageDigest, DIGEST);
    _click(view.start);

    assertThat(AbstractReleaseIT.notifications())
        .anyMatch(text -> text.contains("not a semantic version"));
    assertThat(view.details.isVisible()).isFalse();
  }

  @Test
  void sre_watchesWithoutTheStartForm_andOperatorsAreRefused() {
    startAs("sre");
    DeploymentsView view = open();
    assertThat(view.start.getParent()).isEmpty();

    startWithRoles("olga", "OPERATOR");
    UI.getCurrent().navigate("deployments");
    assertThat(_find(DeploymentsView.class)).isEmpty();
  }

  private static DeploymentsView open() {
    UI.getCurrent().navigate(DeploymentsView.class);
    return _get(DeploymentsView.class);
  }

  /**
   * Re-reads the live state until it shows {@code status} (on the test thread: Vaadin state may
   * only be touched under the session lock this thread holds).
   */
  private static void awaitDetails(DeploymentsView view, String status) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < giveUp) {
      view.show("rollout-GUARDIAN-3.0.1");
      if (!_find(Span.class, spec -> spec.withText(status)).isEmpty()) {
        return;
      }
      MockVaadin.clientRoundtrip();
      Thread.onSpinWait();
    }
    assertThat(_find(Span.class, spec -> spec.withText(status))).as(status).isNotEmpty();
  }
}
