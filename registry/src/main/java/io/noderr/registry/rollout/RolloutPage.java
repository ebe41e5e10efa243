package io.noderr.registry.rollout;

import java.util.List;

/** A page of rollouts with the total number of rollouts. */
public record RolloutPage(List<RolloutRow> rows, long total) {}
