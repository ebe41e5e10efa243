package io.noderr.activities.emergency;

/**
 * @param nodes how many nodes the step quarantined (or let go)
 */
public record QuarantineResult(int nodes) {}
