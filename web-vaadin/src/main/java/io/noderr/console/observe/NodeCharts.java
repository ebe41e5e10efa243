package io.noderr.console.observe;

import io.noderr.registry.rollout.NodeUpdateHistory;
import java.util.List;

/**
 * One node's charts as SVG (CPU/memory/disk, latency, error rate) and its update history.
 *
 * @param points the points the window held (0: the node sent nothing in it)
 */
public record NodeCharts(
    String resources,
    String latency,
    String errors,
    int points,
    List<NodeUpdateHistory.Entry> updates) {}
