package io.noderr.console.api;

import io.noderr.console.treasury.TreasuryService;
import io.noderr.console.treasury.TreasuryService.Treasury;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/treasury} (ADMIN, SRE, SIGNER): the treasury ledger's balances with the last
 * reconciliation against the chain, flows per reward epoch, the latest journal entries and the
 * TREASURY-tier proposals not yet executed. Read only.
 */
@Tag(
    name = "Treasury",
    description =
        "The treasury ledger: balances, reconciliation, flows, entries, pending spends (read only)")
@RestController
class TreasuryController {

  private final TreasuryService treasury;

  TreasuryController(TreasuryService treasury) {
    this.treasury = treasury;
  }

  @Operation(
      summary =
          "The treasury: balances, last reconciliation, flows per epoch, latest entries, pending spends")
  @ApiRoles({"ADMIN", "SRE", "SIGNER"})
  @GetMapping("/api/v1/treasury")
  Treasury treasury() {
    return treasury.treasury();
  }
}
