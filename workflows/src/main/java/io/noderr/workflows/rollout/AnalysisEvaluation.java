package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;

/**
 * A gate's analysis of one batch: the numbers it read and what it made of them.
 *
 * @param verdict PASS, FAIL, or WAIT (the cohort sent too few samples to judge ratios)
 * @param reason every check in words, with the numbers (the failing ones first)
 * @param fromMillis the window analysed, epoch ms
 */
public record AnalysisEvaluation(
    Verdict verdict, CohortAnalysis numbers, String reason, long fromMillis, long toMillis) {}
