package io.noderr.cli;

import io.noderr.cli.emergency.EmergencyClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code emergency sign ID}: a signer signs what an emergency needs now. The EIP-712 digest is
 * recomputed here from the typed data shown; a request whose digest differs is refused.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign what an emergency needs now (its act or ratify request) with your key.",
      "The digest is recomputed here from the typed data shown, never taken from the platform."
    })
class EmergencySignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand EmergencyCommand parent;

  @Mixin PlatformLogin login;

  @Mixin PinOptions pinOptions;

  @Parameters(paramLabel = "EMERGENCY_ID", description = "The emergency, e.g. emergency-7.")
  String id;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEYFILE",
      description =
          "Your key: a web3j/geth keystore JSON (its password comes from "
              + SigningKeyOptions.KEYSTORE_PASSWORD_ENV
              + " or is asked for) or a file holding the private key in hex.")
  Path key;

  @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
  boolean yes;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    if (!EmergencyIds.isValid(id)) {
      throw new ParameterException(spec.commandLine(), EmergencyIds.USAGE);
    }
    EmergencyClient client =
        new EmergencyClient(login.platform(), login.authorization(parent.terminal));
    return new EmergencySigner(client, parent.terminal, spec.commandLine().getOut())
        .sign(client.get(id), key, pinOptions.pins(spec.commandLine().getErr()), yes);
  }
}
