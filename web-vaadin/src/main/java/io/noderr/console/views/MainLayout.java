package io.noderr.console.views;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.security.Roles;
import io.noderr.console.sim.SimulatorService;
import jakarta.annotation.security.PermitAll;

/** Navigation and the signed-in user; every view renders inside it. */
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(AuthenticationContext auth, SimulatorService simulator) {
    H1 title = new H1("Noderr");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    String user = auth.getPrincipalName().orElse("");
    Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
    logout.setId("logout");
    HorizontalLayout header =
        new HorizontalLayout(new DrawerToggle(), title, new Span(user), logout);
    header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    header.expand(title);
    header.setWidthFull();
    header.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(header);

    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.OPERATOR)) {
      nav.addItem(new SideNavItem("Nodes", NodesView.class, VaadinIcon.SERVER.create()));
    }
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.OPERATOR)) {
      nav.addItem(new SideNavItem("Alerts", AlertsView.class, VaadinIcon.BELL.create()));
    }
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.OPERATOR)) {
      nav.addItem(
          new SideNavItem(
              "Applications", ApplicationsView.class, VaadinIcon.CLIPBOARD_USER.create()));
    }
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE)) {
      nav.addItem(
          new SideNavItem("Deployments", DeploymentsView.class, VaadinIcon.ROCKET.create()));
    }
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.SIGNER)) {
      nav.addItem(new SideNavItem("Releases", ReleasesView.class, VaadinIcon.PACKAGE.create()));
    }
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.SIGNER)) {
      SideNavItem emergency =
          new SideNavItem("Emergency", EmergencyView.class, VaadinIcon.WARNING.create());
      // Red, so it is found without reading in the minute it is needed.
      emergency.getStyle().set("--vaadin-side-nav-item-color", "var(--lumo-error-text-color)");
      emergency.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
      emergency.setId("nav-emergency");
      nav.addItem(emergency);
    }
    if (auth.hasRole(Roles.SIGNER)) {
      nav.addItem(
          new SideNavItem("Signer inbox", SignerInboxView.class, VaadinIcon.PENCIL.create()));
    }
    nav.addItem(
        new SideNavItem("Governance", GovernanceView.class, VaadinIcon.INSTITUTION.create()));
    nav.addItem(new SideNavItem("Rewards", RewardsView.class, VaadinIcon.COINS.create()));
    if (auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.SIGNER)) {
      nav.addItem(new SideNavItem("Treasury", TreasuryView.class, VaadinIcon.PIGGY_BANK.create()));
    }
    if (simulator.present() && auth.hasAnyRole(Roles.ADMIN, Roles.SRE)) {
      nav.addItem(new SideNavItem("Simulator", SimulatorView.class, VaadinIcon.FLASK.create()));
    }
    nav.addItem(new SideNavItem("API tokens", TokensView.class, VaadinIcon.KEY.create()));
    nav.addItem(docs());
    addToDrawer(nav);
  }

  /**
   * The documentation site (static pages served under /docs, outside Vaadin's router), in a new tab
   * so the console stays where it was.
   */
  private static SideNavItem docs() {
    SideNavItem docs = new SideNavItem("Docs", "/docs/index.html", VaadinIcon.BOOK.create());
    docs.setRouterIgnore(true);
    docs.setOpenInNewBrowserTab(true);
    docs.setId("nav-docs");
    return docs;
  }
}
