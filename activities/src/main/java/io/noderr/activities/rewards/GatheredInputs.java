package io.noderr.activities.rewards;

/**
 * A summary of the stored inputs for the workflow's history; the rows themselves stay in
 * PostgreSQL, where the digest lets anyone check they were not changed afterwards.
 *
 * @param inputsDigest SHA-256 over the canonical form of the stored inputs (0x-hex)
 */
public record GatheredInputs(
    long epoch, int nodes, int operators, int exclusions, String pool, String inputsDigest) {}
