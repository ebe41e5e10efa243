package io.noderr.agent.tpm;

import java.io.UncheckedIOException;
import java.util.function.Supplier;
import tss.Tpm;
import tss.TpmException;
import tss.tpm.TPM_HANDLE;

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

  /**
   * Flushes a transient object or session. Without a resource manager (swtpm, /dev/tpm0) it would
   * stay loaded until the TPM restarts, and a TPM has room for only a few. Best effort: after a
   * connection failure flushing fails too, and the first error is the one worth reporting.
   */
  static void flush(Tpm tpm, TPM_HANDLE handle) {
    if (handle == null) {
      return;
    }
    try {
      tpm._allowErrors().FlushContext(handle);
    } catch (RuntimeException connectionAlreadyBroken) {
      // Nothing more can be done over this connection.
    }
  }

  private static String describe(TpmException e) {
    return e.ResponseCode != null ? "TPM_RC_" + e.ResponseCode.name() : e.getMessage();
  }
}
