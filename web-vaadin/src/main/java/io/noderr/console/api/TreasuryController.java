package io.noderr.console.api;

import io.noderr.console.treasury.TreasuryService;
import io.noderr.console.treasury.TreasuryService.Treasury;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/treasury} (ADMIN, SRE, SIGNER): the treasury ledger's balances with the last
 * reconciliation against the chain, flows per reward epoch, the latest journal entries and the
 * TREASURY-tier proposals not yet executed. Read only.
 */
@RestController
class TreasuryController {

  private final TreasuryService treasury;

  TreasuryController(TreasuryService treasury) {
    this.treasury = treasury;
  }

  @GetMapping("/api/v1/treasury")
  Treasury treasury() {
    return treasury.treasury();
  }
}
