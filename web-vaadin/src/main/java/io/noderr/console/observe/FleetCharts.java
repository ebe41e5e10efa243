package io.noderr.console.observe;

/** The dashboard's fleet charts as SVG: health and versions over the window. */
public record FleetCharts(String health, String versions) {}
