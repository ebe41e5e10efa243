package io.noderr.agent.tpm;

import java.io.UncheckedIOException;
import java.util.function.Supplier;
import tss.TpmException;

/**
 * Runs TSS.Java calls, turning whatever they throw into a one-line {@link TpmOperationException}.
 */
final class TpmCommands {

  private TpmCommands() {}

  /**
   * @param action completes "the TPM could not ...", e.g. "create the EK"
   */
  static <T> T call(String action, Supplier<T> command) {
    try {
      return command.get();
    } catch (TpmException e) {
      throw new TpmOperationException("the TPM could not " + action + ": " + describe(e), e);
    } catch (UncheckedIOException e) {
      throw new TpmOperationException(
          "the TPM could not " + action + ": connection lost (" + e.getCause().getMessage() + ")",
          e);
    }
  }

  static void run(String action, Runnable command) {
    call(
        action,
        () -> {
          command.run();
          return null;
        });
  }

  private static String describe(TpmException e) {
    return e.ResponseCode != null ? "TPM_RC_" + e.ResponseCode.name() : e.getMessage();
  }
}
