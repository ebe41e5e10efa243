package io.noderr.app.embedded;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's in-memory test services served on loopback by our own gRPC server.
 *
 * <p>Why not {@code TestServer.createPortBoundServer}: it binds every interface, and its server
 * parks one platform thread per waiting long poll, i.e. one per node queue (10,000 threads for a
 * 10,000-node fleet). Here every call runs on a virtual thread. The services also keep an
 * ever-growing lock-event list that makes the server slower quadratically over its lifetime; see
 * {@link #stopLockEventGrowth}. Keeps nothing across restarts.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final Server inProcess;
  private final String inProcessName;
  private final ExecutorService executor;

  private EmbeddedTemporalServer(
      TestServicesStarter services,
      Server server,
      Server inProcess,
      String inProcessName,
      ExecutorService executor) {
    this.services = services;
    this.server = server;
    this.inProcess = inProcess;
    this.inProcessName = inProcessName;
    this.executor = executor;
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} in real time (no time skipping), taking only calls
   * that carry {@code credential} (see {@link PlatformCredentialInterceptor}).
   */
  public static EmbeddedTemporalServer start(int port, String credential) {
    // true: time skipping locked, i.e. timers fire in real time as on a real cluster.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    stopLockEventGrowth(services);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .executor(executor)
            .intercept(new PlatformCredentialInterceptor(credential));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    // The same services in-process, for this process's own connection (worker, console, node
    // gateway): no loopback TCP, HTTP/2 framing or credential check on every call. Only code in
    // this JVM that knows the random name can reach it.
    String inProcessName = "noderr-temporal-" + UUID.randomUUID();
    InProcessServerBuilder local = InProcessServerBuilder.forName(inProcessName).executor(executor);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), local);
    try {
      Server server = builder.build().start();
      Server inProcess = local.build().start();
      registerSearchAttributes(inProcessName);
      return new EmbeddedTemporalServer(services, server, inProcess, inProcessName, executor);
    } catch (IOException e) {
      services.close();
      executor.shutdownNow();
      if (isAddressInUse(e)) {
        throw new PlatformStartupException(
            "port "
                + port
                + " on 127.0.0.1 is in use (is another Temporal server or 'noderr up'"
                + " running?)",
            "stop it, use it with NODERR_TEMPORAL_TARGET=127.0.0.1:"
                + port
                + ", or pick another port with --temporal-port");
      }
      throw new PlatformStartupException(
          "cannot start the embedded Temporal server: " + e.getMessage(),
          "check that 127.0.0.1 is usable by this user");
    }
  }

  /**
   * Noderr's search attributes, which every workflow sets at start: an unknown one would make the
   * server refuse the start. A real cluster registers them in its setup
   * (deploy/temporal/search-attributes.txt).
   */
  private static void registerSearchAttributes(String inProcessName) {
    ManagedChannel channel = InProcessChannelBuilder.forName(inProcessName).build();
    try {
      OperatorServiceGrpc.newBlockingStub(channel)
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .putAllSearchAttributes(NoderrSearchAttributes.INDEXED_TYPES)
                  .build());
    } finally {
      channel.shutdownNow();
    }
  }

  /** Netty reports a busy port as its own native exception, so look at the messages too. */
  private static boolean isAddressInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return server.getPort();
  }

  /** The in-process server's name ({@code InProcessChannelBuilder.forName}), for this JVM only. */
  public String inProcessName() {
    return inProcessName;
  }

  /** Where the server listens (the tests check it is loopback only). */
  List<? extends SocketAddress> listenAddresses() {
    return server.getListenSockets();
  }

  /**
   * The test services' timer appends to a {@code LinkedList} of lock events on every state change
   * and removes linearly; nothing prunes it (temporal-test-server 1.38.0), so a long-running
   * platform slows down quadratically. The list only feeds diagnostics, so it is swapped for one
   * that keeps nothing. Internal API: if a Temporal upgrade changes it we log and carry on with the
   * stock behaviour rather than fail the start.
   */
  static void stopLockEventGrowth(TestServicesStarter services) {
    try {
      Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
      timerField.setAccessible(true);
      Object timer = timerField.get(services);
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      events.set(timer, new DiscardingList());
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "could not bound the embedded Temporal lock-event list ({}); it will slow down over time",
          e.toString());
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    inProcess.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
      inProcess.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
    executor.shutdownNow();
  }

  /** A list that accepts and "removes" everything and holds nothing. */
  static final class DiscardingList extends LinkedList<Object> {
    @Override
    public boolean add(Object element) {
      return true;
    }

    @Override
    public boolean remove(Object element) {
      return true;
    }
  }
}
