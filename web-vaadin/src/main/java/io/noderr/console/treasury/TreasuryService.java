package io.noderr.console.treasury;

import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.registry.treasury.EntryRow;
import io.noderr.registry.treasury.EpochFlow;
import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.registry.treasury.TreasuryOverview;
import io.noderr.registry.treasury.TreasuryStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The treasury for the people who answer for it (ADMIN, SRE, SIGNER): the ledger mirrored from the
 * chain with its last reconciliation, the flows of each reward epoch, the latest journal entries,
 * and the spends on their way (TREASURY-tier governance proposals not yet executed). Read only:
 * funds move only through governance proposals or the multisig.
 */
@Service
public class TreasuryService {

  /** How many journal entries the view and the API list. */
  static final int RECENT_ENTRIES = 50;

  /** How far back pending spends are looked for among the latest proposals. */
  private static final int PROPOSALS_SCANNED = 200;

  private static final Set<ProposalStatus> PENDING =
      EnumSet.of(
          ProposalStatus.PENDING,
          ProposalStatus.ACTIVE,
          ProposalStatus.SUCCEEDED,
          ProposalStatus.QUEUED);

  private final TreasuryOverview overview;
  private final TreasuryLedger ledger;
  private final GovernanceProposals proposals;

  TreasuryService(TreasuryOverview overview, TreasuryLedger ledger, GovernanceProposals proposals) {
    this.overview = overview;
    this.ledger = ledger;
    this.proposals = proposals;
  }

  /** Everything the Treasury view shows. */
  public record Treasury(
      TreasuryStatus status,
      List<EpochFlow> flows,
      List<EntryRow> recentEntries,
      List<ProposalRow> pendingSpends) {}

  @PreAuthorize("hasAnyRole('ADMIN', 'SRE', 'SIGNER')")
  public Treasury treasury() {
    return new Treasury(
        overview.status(),
        ledger.flowsPerEpoch(),
        ledger.recentEntries(RECENT_ENTRIES),
        proposals.recent(PROPOSALS_SCANNED).stream()
            .filter(p -> "TREASURY".equals(p.tier()) && PENDING.contains(p.state()))
            .toList());
  }
}
