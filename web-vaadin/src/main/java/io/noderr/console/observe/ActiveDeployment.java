package io.noderr.console.observe;

import io.noderr.registry.rollout.RolloutRow;

/** A deployment still under way, with its progress bar as SVG. */
public record ActiveDeployment(RolloutRow row, String progress) {}
