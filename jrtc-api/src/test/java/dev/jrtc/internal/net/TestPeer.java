package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One {@link IceTransportDriver} on its own serial executor, recording every event. Waits are
 * bounded by a generous deadline and end as soon as the awaited event arrives: nothing is
 * timed, the deadline only turns a hang into a failure.
 */
final class TestPeer implements AutoCloseable {
  static final long WAIT_SECONDS = 20;

  final String name;
  final ExecutorService executor;
  final IceTransportDriver driver;
  final LinkedBlockingQueue<IceEvent> events = new LinkedBlockingQueue<>();
  final List<IceEvent> seen = new ArrayList<>();
  volatile TestPeer peer;
  volatile boolean trickle = true;

  TestPeer(String name, boolean controlling, Consumer<IceTransportDriver.Builder> setup) {
    this.name = name;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-" + name);
      t.setDaemon(true);
      return t;
    });
    IceTransportDriver.Builder b = IceTransportDriver.builder(IceConfig.of(controlling).withLogId(name))
        .executor(executor).network(NetworkSettings.loopbackOnly()).listener(this::onEvent);
    setup.accept(b);
    this.driver = b.build();
  }

  // On this peer's executor: trickle candidates to the peer, as signaling would.
  private void onEvent(IceEvent e) {
    events.add(e);
    TestPeer p = peer;
    if (p == null || !trickle) {
      return;
    }
    if (e instanceof IceEvent.CandidateGathered) {
      p.driver.addRemoteCandidate(((IceEvent.CandidateGathered) e).candidate());
    } else if (e instanceof IceEvent.GatheringComplete) {
      p.driver.endOfRemoteCandidates();
    }
  }

  /** Exchanges credentials with {@code other} and lets both trickle to each other. */
  static void pair(TestPeer a, TestPeer b) throws Exception {
    a.peer = b;
    b.peer = a;
    a.driver.setRemoteCredentials(b.driver.localCredentials().ufrag(), b.driver.localCredentials().pwd(), false)
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    b.driver.setRemoteCredentials(a.driver.localCredentials().ufrag(), a.driver.localCredentials().pwd(), false)
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The next event matching {@code p} (earlier ones stay in {@link #seen}); fails after the deadline. */
  @SuppressWarnings("unchecked")
  <T extends IceEvent> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
    long deadline = Clock.system().monotonicNanos() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    for (IceEvent e : seen) {
      if (type.isInstance(e) && p.test((T) e)) {
        seen.remove(e);
        return (T) e;
      }
    }
    while (true) {
      long left = deadline - Clock.system().monotonicNanos();
      IceEvent e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError(name + ": no " + type.getSimpleName() + " within " + WAIT_SECONDS
            + " s; saw " + seen);
      }
      if (type.isInstance(e) && p.test((T) e)) {
        return (T) e;
      }
      seen.add(e);
    }
  }

  <T extends IceEvent> T await(Class<T> type) throws InterruptedException {
    return await(type, x -> true);
  }

  /** Waits for the connected state. */
  void awaitConnected() throws InterruptedException {
    await(IceEvent.StateChanged.class, s -> s.state() == IceTransportState.CONNECTED);
    assertThat(driver.selectedPair()).isNotNull();
  }

  /** Waits for application data and returns it. */
  byte[] awaitData() throws InterruptedException {
    return await(IceEvent.ApplicationData.class).data();
  }

  @Override
  public void close() throws Exception {
    driver.closeAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);
    executor.shutdown();
    assertThat(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }
}
