package io.noderr.worker.governance;

import java.util.Locale;

/** The deployment's contract addresses, lowercase (as logs and the registry carry them). */
record GovernanceContracts(
    String governor, String staking, String timelock, String parameters, String token) {

  static GovernanceContracts of(GovernanceProperties properties) {
    return new GovernanceContracts(
        lower(properties.governorAddress().value()),
        lower(properties.stakingAddress().value()),
        lower(properties.timelockAddress().value()),
        lower(properties.parametersAddress().value()),
        lower(properties.tokenAddress().value()));
  }

  private static String lower(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
