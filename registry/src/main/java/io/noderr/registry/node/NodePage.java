package io.noderr.registry.node;

import java.util.List;

/** A page of nodes with the total number matching the filters. */
public record NodePage(List<NodeRow> rows, long total) {}
