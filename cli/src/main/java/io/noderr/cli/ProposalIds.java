package io.noderr.cli;

import java.math.BigInteger;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Governor proposal ids: uint256 keccak hashes, written in decimal as the governor's events do. */
final class ProposalIds {

  private ProposalIds() {}

  /**
   * @throws ParameterException (exit code 2) when {@code text} is not a decimal uint256
   */
  static BigInteger parse(CommandLine commandLine, String text) {
    if (text == null || !text.matches("[0-9]{1,78}")) {
      throw new ParameterException(
          commandLine, "PROPOSAL_ID must be the proposal's decimal id, was '" + text + "'");
    }
    BigInteger id = new BigInteger(text);
    if (id.bitLength() > 256) {
      throw new ParameterException(commandLine, "PROPOSAL_ID does not fit a uint256");
    }
    return id;
  }
}
