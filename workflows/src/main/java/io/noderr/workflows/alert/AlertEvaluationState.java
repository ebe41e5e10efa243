package io.noderr.workflows.alert;

import io.noderr.activities.alert.AlertDelivery;
import io.noderr.activities.alert.AlertEvaluation;

/**
 * @param rounds rounds run since the chain started
 * @param lastRoundAtMillis the workflow time of the last round, 0 before the first
 * @param evaluation the last evaluation's result; null before the first or when it failed
 * @param delivery the last delivery pass's result; null before the first or when it failed
 * @param lastFailure why the last round's step failed; null when it did not
 */
public record AlertEvaluationState(
    long rounds,
    long lastRoundAtMillis,
    AlertEvaluation evaluation,
    AlertDelivery delivery,
    String lastFailure) {}
