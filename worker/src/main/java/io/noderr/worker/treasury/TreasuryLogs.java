package io.noderr.worker.treasury;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.registry.treasury.JournalEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads one block range's token transfers from or to a tracked holder (two {@code eth_getLogs}
 * filtered by the indexed addresses, so the token's other transfers never load) and the economics
 * events of the same range (one more), and makes each transfer its journal entry, in chain order.
 */
final class TreasuryLogs {

  private static final String TRANSFER = EventEncoder.encode(NoderrToken.TRANSFER_EVENT);
  private static final String PUBLISHED =
      EventEncoder.encode(RewardDistributor.ROOTPUBLISHED_EVENT);
  private static final String CLAIMED = EventEncoder.encode(RewardDistributor.CLAIMED_EVENT);
  private static final String CLAWED_BACK = EventEncoder.encode(RewardDistributor.CLAWEDBACK_EVENT);
  private static final String CANCELLED =
      EventEncoder.encode(RewardDistributor.ROOTCANCELLED_EVENT);
  private static final String FEE_RECEIVED = EventEncoder.encode(FeeCollector.FEERECEIVED_EVENT);
  private static final String SWEPT = EventEncoder.encode(FeeCollector.FEESSWEPT_EVENT);
  private static final String SLASHED = EventEncoder.encode(NoderrStaking.SLASHED_EVENT);

  private final Web3j web3j;
  private final TreasuryHolders holders;
  private final TransferClassifier classifier;

  TreasuryLogs(Web3j web3j, TreasuryHolders holders) {
    this.web3j = web3j;
    this.holders = holders;
    this.classifier = new TransferClassifier(holders);
  }

  /** The entries of blocks {@code from} to {@code to}, both included. */
  List<JournalEntry> read(long from, long to) throws IOException {
    Map<String, Log> transfers = new LinkedHashMap<>();
    for (Log log : transfersTouchingHolders(from, to, true)) {
      transfers.put(log.getTransactionHash() + "#" + log.getLogIndex(), log);
    }
    for (Log log : transfersTouchingHolders(from, to, false)) {
      transfers.putIfAbsent(log.getTransactionHash() + "#" + log.getLogIndex(), log);
    }
    if (transfers.isEmpty()) {
      return List.of();
    }
    Map<String, List<Companion>> companions = companions(from, to);
    Map<BigInteger, Instant> blockTimes = new HashMap<>();
    List<JournalEntry> entries = new ArrayList<>();
    for (Log log : sorted(transfers.values())) {
      var event = NoderrToken.getTransferEventFromLog(log);
      TokenTransfer transfer =
          new TokenTransfer(
              log.getBlockNumber().longValueExact(),
              log.getTransactionHash(),
              log.getLogIndex().intValueExact(),
              blockTime(blockTimes, log.getBlockNumber()),
              lower(event.from),
              lower(event.to),
              event.value);
      entries.add(
          classifier.entryOf(
              transfer, companions.getOrDefault(log.getTransactionHash(), List.of())));
    }
    return entries;
  }

  /** Transfers whose sender ({@code bySender}) or recipient is one of the tracked holders. */
  private List<Log> transfersTouchingHolders(long from, long to, boolean bySender)
      throws IOException {
    String[] holderTopics =
        holders.accounts().stream()
            .map(account -> TypeEncoder.encode(new Address(account.address())))
            .map(word -> "0x" + word)
            .toArray(String[]::new);
    EthFilter filter = filter(from, to, List.of(holders.token()));
    filter.addSingleTopic(TRANSFER);
    if (!bySender) {
      filter.addNullTopic(); // any sender
    }
    filter.addOptionalTopics(holderTopics);
    return logs(filter);
  }

  /** The range's economics events, by transaction. */
  private Map<String, List<Companion>> companions(long from, long to) throws IOException {
    Map<String, List<Companion>> byTransaction = new HashMap<>();
    List<String> contracts =
        List.of(holders.distributor(), holders.feeCollector(), holders.staking());
    for (Log log : sorted(logs(filter(from, to, contracts)))) {
      Companion companion = decode(log);
      if (companion != null) {
        byTransaction
            .computeIfAbsent(log.getTransactionHash(), tx -> new ArrayList<>())
            .add(companion);
      }
    }
    return byTransaction;
  }

  private Companion decode(Log log) {
    String topic = log.getTopics().getFirst();
    String contract = log.getAddress().toLowerCase(Locale.ROOT);
    if (contract.equals(holders.distributor())) {
      if (topic.equals(PUBLISHED)) {
        return new Companion.RootPublished(
            RewardDistributor.getRootPublishedEventFromLog(log).epoch.longValueExact());
      } else if (topic.equals(CLAIMED)) {
        var e = RewardDistributor.getClaimedEventFromLog(log);
        return new Companion.Claimed(e.epoch.longValueExact(), lower(e.account));
      } else if (topic.equals(CLAWED_BACK)) {
        return new Companion.ClawedBack(
            RewardDistributor.getClawedBackEventFromLog(log).epoch.longValueExact());
      } else if (topic.equals(CANCELLED)) {
        return new Companion.RootCancelled(
            RewardDistributor.getRootCancelledEventFromLog(log).epoch.longValueExact());
      }
    } else if (contract.equals(holders.feeCollector())) {
      if (topic.equals(FEE_RECEIVED)) {
        return new Companion.FeeReceived(lower(FeeCollector.getFeeReceivedEventFromLog(log).payer));
      } else if (topic.equals(SWEPT)) {
        return new Companion.FeesSwept();
      }
    } else if (contract.equals(holders.staking()) && topic.equals(SLASHED)) {
      return new Companion.Slashed(lower(NoderrStaking.getSlashedEventFromLog(log).operator));
    }
    return null;
  }

  /** The block's time, read once per block of the range. */
  private Instant blockTime(Map<BigInteger, Instant> known, BigInteger block) throws IOException {
    Instant at = known.get(block);
    if (at == null) {
      at =
          Instant.ofEpochSecond(
              answered(
                      web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(block), false).send())
                  .getBlock()
                  .getTimestamp()
                  .longValueExact());
      known.put(block, at);
    }
    return at;
  }

  private List<Log> logs(EthFilter filter) throws IOException {
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : answered(web3j.ethGetLogs(filter).send()).getLogs()) {
      Log log = (Log) result.get();
      if (!log.isRemoved() && !log.getTopics().isEmpty()) {
        logs.add(log);
      }
    }
    return logs;
  }

  private static EthFilter filter(long from, long to, List<String> contracts) {
    return new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
        contracts);
  }

  private static List<Log> sorted(Collection<Log> logs) {
    return logs.stream()
        .sorted(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex))
        .toList();
  }

  private static String lower(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
