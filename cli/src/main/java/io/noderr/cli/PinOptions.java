package io.noderr.cli;

import io.noderr.agent.cli.AddressConverter;
import io.noderr.cli.signer.Pins;
import io.noderr.signing.Address;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The contract and chain a signer expects requests to name, known from outside the platform. */
final class PinOptions {

  @Option(
      names = "--expect-multisig",
      converter = AddressConverter.class,
      paramLabel = "0x...",
      description = "Refuse requests that name another multisig contract.")
  Address expectedMultisig;

  @Option(
      names = "--expect-chain-id",
      paramLabel = "N",
      description = "Refuse requests that name another chain.")
  Long expectedChainId;

  /** The pins; warns on {@code err} when one is missing (the platform is then trusted for it). */
  Pins pins(PrintWriter err) {
    Pins pins = new Pins(expectedMultisig, expectedChainId);
    if (!pins.isComplete()) {
      err.println(
          "warning: without --expect-multisig and --expect-chain-id you trust the platform to"
              + " name the right contract and chain; pin both (the deployment's values).");
    }
    return pins;
  }
}
