package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.console.onboarding.ApplicationForm;
import io.noderr.console.onboarding.ApplicationService;
import io.noderr.http.Secrets;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import io.noderr.workflows.onboarding.OnboardingStage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Applications view in Karibu's browserless Vaadin on the real Spring context, with the real
 * OnboardingWorkflow deciding: list and filters, approval showing the install token once (only its
 * hash is stored), rejection with a reason, and who may see and decide.
 */
class ApplicationsViewIT extends AbstractKaribuIT {

  @Autowired ApplicationService service;
  @Autowired Applications applications;
  @Autowired InstallTokens tokens;

  @Test
  void admin_approves_andSeesTheTokenOnce_whichIsStoredOnlyAsItsHash() {
    String id = submit("Approve Me Ltd");
    startAs("admin");
    ApplicationsView view = open();
    select(view, id);

    _click(view.approve);

    TextField token = _get(TextField.class, spec -> spec.withId("install-token"));
    assertThat(Secrets.hasShape(Secrets.INSTALL_TOKEN, token.getValue())).isTrue();
    assertThat(tokens.find(Secrets.sha256Hex(token.getValue()))).isPresent();
    assertThat(applications.find(id).orElseThrow().status()).isEqualTo("APPROVED");
    _click(_get(Button.class, spec -> spec.withId("close-token")));
    assertThat(view.reissue.isVisible()).isTrue();
    assertThat(view.approve.isVisible()).isFalse();
  }

  @Test
  void admin_rejectsWithAReason() {
    String id = submit("Reject Me Ltd");
    startAs("admin");
    ApplicationsView view = open();
    select(view, id);

    _click(view.reject);
    _setValue(_get(TextArea.class, spec -> spec.withId("reject-reason")), "no KYC documents");
    _click(_get(Button.class, spec -> spec.withId("confirm-reject")));

    ApplicationRow rejected = applications.find(id).orElseThrow();
    assertThat(rejected.status()).isEqualTo("REJECTED");
    assertThat(rejected.reviewReason()).isEqualTo("no KYC documents");
    assertThat(rejected.reviewedBy()).isEqualTo("admin");
  }

  @Test
  void sre_seesApplications_butNoDecisions() {
    String id = submit("Read Only Ltd");
    startAs("sre");
    ApplicationsView view = open();
    select(view, id);

    assertThat(view.details.isVisible()).isTrue();
    assertThat(_get(Anchor.class, spec -> spec.withId("application-temporal-ui")).getHref())
        .isEqualTo("http://temporal-ui.test:8233/namespaces/default/workflows/onboarding-" + id);
    _assertNone(Button.class, spec -> spec.withId("approve-application"));
    _assertNone(Button.class, spec -> spec.withId("reject-application"));
  }

  @Test
  void filters_byStatusAndText() {
    String id = submit("Filterable Unique Ltd");
    startAs("admin");
    ApplicationsView view = open();

    _setValue(view.search, "Filterable Unique");
    assertThat(_size(view.grid)).isEqualTo(1);
    _setValue(view.status, OnboardingStage.REJECTED);
    assertThat(_size(view.grid)).isZero();
    _setValue(view.status, OnboardingStage.IN_REVIEW);
    assertThat(_get(view.grid, 0).id()).isEqualTo(id);
  }

  @Test
  void signers_cannotOpenIt() {
    startAs("signer1");
    UI.getCurrent().navigate(ApplicationsView.class);
    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  private String submit(String operator) {
    String id =
        service.submit(
            new ApplicationForm(
                operator, "ops@example.org", "ALL", "eu-west", "0x" + "cd".repeat(20)));
    // The workflow's first activity writes the read model.
    await().atMost(Duration.ofSeconds(10)).until(() -> applications.find(id).isPresent());
    return id;
  }

  private static ApplicationsView open() {
    UI.getCurrent().navigate(ApplicationsView.class);
    return _get(ApplicationsView.class);
  }

  private static void select(ApplicationsView view, String id) {
    _setValue(view.search, id);
    view.grid.select(_get(view.grid, 0));
  }
}
