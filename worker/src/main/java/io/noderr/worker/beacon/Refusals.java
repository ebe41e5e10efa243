package io.noderr.worker.beacon;

import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.contracts.generated.VersionBeacon;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Actions the multisig or beacon refuses, as non-retryable failures named after the contracts'
 * custom errors ({@code NotEnoughSignatures(1, 2): ...}), whether the chain reverted or the local
 * beacon refused: of type {@link ReleaseFailures#PUBLISH_REFUSED} for publications, {@link
 * EmergencyFailures#BEACON_REFUSED} for the emergency actions.
 */
final class Refusals {

  /** Ours, not the contract's: it would only say NotASigner for signatures over a stale nonce. */
  static final String NONCE_MOVED = "NonceMoved";

  static final String INVALID_REQUEST = "InvalidRequest";

  /** Ours: a governance action on the local beacon, which runs without governance. */
  static final String GOVERNANCE_OFF = "GovernanceOff";

  /** Ours: the local beacon without {@code noderr.beacon.local.signers}. */
  static final String NO_SIGNERS = "NoSigners";

  private static final Map<String, String> EXPLANATIONS =
      Map.ofEntries(
          Map.entry("Expired", "the signatures' deadline has passed"),
          Map.entry("NotEnoughSignatures", "fewer signatures than the multisig's threshold"),
          Map.entry(
              "SignaturesNotSorted",
              "signatures must be sorted by signer address, ascending, one per signer"),
          Map.entry(
              "NotASigner",
              "a signature recovers to an address outside the signer set (an outsider, or a"
                  + " signature over other data)"),
          Map.entry(
              "MalformedSignature", "a signature is not 65 bytes with v 27 or 28 and a low s"),
          Map.entry("TierIsPaused", "the tier is paused; it takes no release until unpaused"),
          Map.entry("EmptyVersion", "the version is empty"),
          Map.entry("UnknownTier", "the beacon has no such tier"),
          Map.entry("NotOwner", "only the multisig may publish to the beacon"),
          Map.entry(
              NONCE_MOVED,
              "the signatures were made over another nonce than the multisig's next one;"
                  + " collect new signatures"),
          Map.entry(
              NO_SIGNERS,
              "the local beacon has no signers configured (noderr.beacon.local.signers)"),
          Map.entry(
              "NotAGuardian",
              "the signature recovers to an address that is not a guardian (not one, or a"
                  + " signature over another nonce or other data)"),
          Map.entry(
              "BadTiers",
              "the tier mask must be non-zero with bits 0 (ALL), 1 (ORACLE), 2 (GUARDIAN) only"),
          Map.entry(
              "NoExpiredPause",
              "no tier in the mask has a guardian pause whose mandate has run out"),
          Map.entry("BadThreshold", "the threshold must be between 1 and the number of signers"),
          Map.entry("BadSigner", "a signer is the zero address or repeated"),
          Map.entry("BadGuardian", "a guardian is not a signer, or is repeated"),
          Map.entry("BadMandate", "the guardian mandate must be longer than zero"),
          Map.entry(
              GOVERNANCE_OFF,
              "the PostgreSQL beacon runs without governance: there is no timelock whose"
                  + " operations the multisig could cancel (governance needs the beacon on chain)"),
          Map.entry(
              "TimelockUnexpectedOperationState",
              "the timelock operation is not pending: it executed already, or it is not queued"));

  /** Solidity's {@code Error(string)} and {@code Panic(uint256)}, then the contracts' errors. */
  private static final Map<String, CustomError> ERRORS =
      Stream.of(
              new CustomError("Error", List.of(new TypeReference<Utf8String>() {})),
              new CustomError("Panic", List.of(new TypeReference<Uint256>() {})),
              NoderrMultisig.EXPIRED_ERROR,
              NoderrMultisig.NOTENOUGHSIGNATURES_ERROR,
              NoderrMultisig.SIGNATURESNOTSORTED_ERROR,
              NoderrMultisig.NOTASIGNER_ERROR,
              NoderrMultisig.MALFORMEDSIGNATURE_ERROR,
              NoderrMultisig.BADTHRESHOLD_ERROR,
              NoderrMultisig.BADSIGNER_ERROR,
              NoderrMultisig.BADGUARDIAN_ERROR,
              NoderrMultisig.BADMANDATE_ERROR,
              NoderrMultisig.BADTIERS_ERROR,
              NoderrMultisig.NOTAGUARDIAN_ERROR,
              NoderrMultisig.NOEXPIREDPAUSE_ERROR,
              VersionBeacon.TIERISPAUSED_ERROR,
              VersionBeacon.EMPTYVERSION_ERROR,
              VersionBeacon.UNKNOWNTIER_ERROR,
              VersionBeacon.NOTOWNER_ERROR,
              VersionBeacon.ZEROADDRESS_ERROR,
              NoderrTimelock.TIMELOCKUNEXPECTEDOPERATIONSTATE_ERROR)
          .collect(Collectors.toMap(Refusals::selector, Function.identity()));

  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]*");

  private Refusals() {}

  /**
   * A publication's refusal named like the contract's error, e.g. {@code refused("Expired", 1)}.
   */
  static ApplicationFailure refused(String error, Object... arguments) {
    return refusedAs(ReleaseFailures.PUBLISH_REFUSED, error, arguments);
  }

  /** An emergency action's refusal named like the contract's error. */
  static ApplicationFailure emergency(String error, Object... arguments) {
    return refusedAs(EmergencyFailures.BEACON_REFUSED, error, arguments);
  }

  /**
   * A refusal of the given failure type, named like the contract's error.
   *
   * @param failureType {@link ReleaseFailures#PUBLISH_REFUSED} or {@link
   *     EmergencyFailures#BEACON_REFUSED}
   */
  static ApplicationFailure refusedAs(String failureType, String error, Object... arguments) {
    String call =
        error
            + "("
            + Arrays.stream(arguments).map(String::valueOf).collect(Collectors.joining(", "))
            + ")";
    String explanation = EXPLANATIONS.get(error);
    return ApplicationFailure.newNonRetryableFailure(
        explanation == null ? call : call + ": " + explanation, failureType);
  }

  /** A request that cannot be a publication at all (not a semver, not a digest...). */
  static ApplicationFailure invalid(String problem) {
    return invalid(ReleaseFailures.PUBLISH_REFUSED, problem);
  }

  /** A request that cannot be an action at all, of the given failure type. */
  static ApplicationFailure invalid(String failureType, String problem) {
    return ApplicationFailure.newNonRetryableFailure(INVALID_REQUEST + ": " + problem, failureType);
  }

  static ApplicationFailure nonceMoved(Object signedNonce, Object currentNonce) {
    return refused(NONCE_MOVED, signedNonce, currentNonce);
  }

  /**
   * The refusal a revert's data names. JSON-RPC servers put the data in the error's {@code data}
   * member, as a hex string (ganache, geth) or inside an object (older servers): the first hex
   * string in it is taken.
   */
  static ApplicationFailure fromRevert(String errorData, String failureType) {
    Matcher hex = HEX.matcher(errorData == null ? "" : errorData);
    String data = hex.find() ? hex.group() : "0x";
    CustomError error = data.length() >= 10 ? ERRORS.get(data.substring(0, 10)) : null;
    if (error == null) {
      return ApplicationFailure.newNonRetryableFailure(
          "the multisig reverted with data " + (data.length() > 2 ? data : "(none)"), failureType);
    }
    List<Type> values = FunctionReturnDecoder.decode(data.substring(10), error.getParameters());
    return refusedAs(failureType, error.getName(), values.stream().map(Type::getValue).toArray());
  }

  private static String selector(CustomError error) {
    return CustomErrorEncoder.encode(error).substring(0, 10);
  }
}
