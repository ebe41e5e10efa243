-- Rollbacks (issue 5 follow-up): a revert that fails is recorded as REVERT_FAILED instead of
-- FAILED, so an update failure and a failed rollback are told apart; the rollback pages its nodes
-- by position over the primary key, so the partial "touched" index has no reader any more.

ALTER TABLE rollout_targets DROP CONSTRAINT rollout_targets_status_check;
ALTER TABLE rollout_targets ADD CONSTRAINT rollout_targets_status_check
    CHECK (status IN ('PENDING', 'UPDATED', 'ALREADY_AT_TARGET', 'REVERTED', 'FAILED', 'ROLLED_BACK',
                      'REVERT_FAILED'));

DROP INDEX rollout_targets_touched;
