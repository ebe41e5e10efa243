package io.noderr.console.views;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;

/** Server push lets the dashboard and the grid update without a reload. */
@Push
@PWA(name = "Noderr operations console", shortName = "Noderr")
public class AppShell implements AppShellConfigurator {}
