package io.noderr.console.observe;

/**
 * A deployment's updated nodes against its baseline (the nodes of its tiers still on another
 * version), over the deployment's time, as SVG.
 *
 * @param cohortNodes the updated nodes the cohort lines are drawn from
 */
public record DeploymentCharts(String errorRate, String latency, int cohortNodes) {}
