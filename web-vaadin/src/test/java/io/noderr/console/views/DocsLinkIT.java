package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;

/**
 * The documentation site is one click away: in every signed-in person's drawer (a new tab, outside
 * Vaadin's router) and on the login page.
 */
class DocsLinkIT extends AbstractKaribuIT {

  @Test
  void theDrawer_linksToTheDocs_inANewTab_forEveryRole() {
    for (String user : new String[] {"admin", "operator1", "signer1"}) {
      startAs(user);
      UI.getCurrent().navigate(DashboardView.class);

      SideNavItem docs = _get(SideNavItem.class, spec -> spec.withId("nav-docs"));
      assertThat(docs.getLabel()).as(user).isEqualTo("Docs");
      assertThat(docs.getPath()).as(user).isEqualTo("docs/index.html");
      assertThat(docs.isOpenInNewBrowserTab()).isTrue();
      assertThat(docs.isRouterIgnore()).isTrue();
      stopVaadin();
    }
  }

  @Test
  void theLoginPage_linksToTheDocs() {
    startAnonymous();
    UI.getCurrent().navigate(LoginView.class);

    Anchor docs = _get(Anchor.class, spec -> spec.withId("login-docs"));
    assertThat(docs.getHref()).isEqualTo("/docs/index.html");
    assertThat(docs.getText()).isEqualTo("Documentation");
  }
}
