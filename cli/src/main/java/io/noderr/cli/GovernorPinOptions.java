package io.noderr.cli;

import io.noderr.agent.cli.AddressConverter;
import io.noderr.cli.governance.GovernorPins;
import io.noderr.signing.Address;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The governor and chain an operator expects to sign for, known from outside the platform. */
final class GovernorPinOptions {

  @Option(
      names = "--expect-governor",
      converter = AddressConverter.class,
      paramLabel = "0x...",
      description = "Refuse to sign for another governor contract.")
  Address expectedGovernor;

  @Option(
      names = "--expect-chain-id",
      paramLabel = "N",
      description = "Refuse to sign for another chain.")
  Long expectedChainId;

  /** The pins; warns on {@code err} when one is missing (the platform is then trusted for it). */
  GovernorPins pins(PrintWriter err) {
    GovernorPins pins = new GovernorPins(expectedGovernor, expectedChainId);
    if (!pins.isComplete()) {
      err.println(
          "warning: without --expect-governor and --expect-chain-id you trust the platform to"
              + " name the right governor and chain; pin both (the deployment's values).");
    }
    return pins;
  }
}
