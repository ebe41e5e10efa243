package io.noderr.activities.alert;

/**
 * What one evaluation changed.
 *
 * @param firing incidents firing after the round
 * @param opened new incidents
 * @param changed incidents whose severity, labels, nodes or recipients changed
 * @param resolved incidents no rule found any more
 * @param silenced firing incidents whose notifications a silence or a rollout wave suppresses
 * @param silencesExpired silences ended this round (past their end, or matching nothing)
 */
public record AlertEvaluation(
    int firing, int opened, int changed, int resolved, int silenced, int silencesExpired) {}
