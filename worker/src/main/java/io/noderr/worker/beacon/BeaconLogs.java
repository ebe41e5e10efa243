package io.noderr.worker.beacon;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.activities.release.BeaconTier;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEventRow.Backend;
import io.noderr.registry.release.BeaconEventRow.Kind;
import io.noderr.signing.ImageDigest;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads a VersionBeacon's {@code VersionPublished}, {@code TierPaused} and {@code TierUnpaused}
 * logs of a block range and decodes them with the generated wrapper's event definitions.
 */
final class BeaconLogs {

  private static final String PUBLISHED = EventEncoder.encode(VersionBeacon.VERSIONPUBLISHED_EVENT);
  private static final String PAUSED = EventEncoder.encode(VersionBeacon.TIERPAUSED_EVENT);
  private static final String UNPAUSED = EventEncoder.encode(VersionBeacon.TIERUNPAUSED_EVENT);

  private final Web3j web3j;

  BeaconLogs(Web3j web3j) {
    this.web3j = web3j;
  }

  /** The beacon's events in blocks {@code from} to {@code to}, both included, in chain order. */
  List<BeaconEventRow> read(BeaconId beacon, long from, long to) throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            beacon.address());
    filter.addOptionalTopics(PUBLISHED, PAUSED, UNPAUSED);
    List<BeaconEventRow> events = new ArrayList<>();
    // The event carries no time of its own: publishedAt is its block's timestamp, read once a
    // block.
    Map<BigInteger, Instant> blockTimes = new HashMap<>();
    for (EthLog.LogResult<?> result : answered(web3j.ethGetLogs(filter).send()).getLogs()) {
      Log log = (Log) result.get();
      String topic = log.getTopics().getFirst();
      if (log.isRemoved()) {
        continue;
      } else if (topic.equals(PUBLISHED)) {
        VersionBeacon.VersionPublishedEventResponse published =
            VersionBeacon.getVersionPublishedEventFromLog(log);
        Instant blockTime = blockTimes.get(log.getBlockNumber());
        if (blockTime == null) {
          blockTime = blockTime(log.getBlockNumber());
          blockTimes.put(log.getBlockNumber(), blockTime);
        }
        events.add(row(beacon, log, Kind.VERSION_PUBLISHED, published.tier, published, blockTime));
      } else if (topic.equals(PAUSED)) {
        BigInteger tier = VersionBeacon.getTierPausedEventFromLog(log).tier;
        events.add(row(beacon, log, Kind.TIER_PAUSED, tier, null, null));
      } else if (topic.equals(UNPAUSED)) {
        BigInteger tier = VersionBeacon.getTierUnpausedEventFromLog(log).tier;
        events.add(row(beacon, log, Kind.TIER_UNPAUSED, tier, null, null));
      }
    }
    return events;
  }

  private Instant blockTime(BigInteger blockNumber) throws IOException {
    return Instant.ofEpochSecond(
        answered(
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(blockNumber), false).send())
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  /**
   * @param published the decoded publication, null for pause events
   * @param blockTime the publication's block time, null for pause events
   */
  private static BeaconEventRow row(
      BeaconId beacon,
      Log log,
      Kind kind,
      BigInteger tierCode,
      VersionBeacon.VersionPublishedEventResponse published,
      Instant blockTime) {
    boolean isPublication = published != null;
    return new BeaconEventRow(
        0,
        Backend.CHAIN,
        beacon.chainId(),
        beacon.address(),
        kind,
        Tiers.of(BeaconTier.ofCode(tierCode.intValueExact())),
        isPublication ? published.version : null,
        isPublication
            ? ImageDigest.parse(Numeric.toHexString(published.imageDigest)).value()
            : null,
        isPublication ? published.minimumVersion : null,
        isPublication ? published.notesUri : null,
        blockTime,
        log.getTransactionHash(),
        log.getBlockNumber().longValueExact(),
        log.getLogIndex().intValueExact(),
        null);
  }
}
