package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnEvent;
import java.util.ArrayList;
import java.util.List;

/** Drives a sans-IO {@link TurnClient} over a {@link SimSocket} on the network's scheduler. */
final class TurnClientDriver {
  final SimNet net;
  final SimSocket socket;
  final TransportAddress server;
  final TurnClient client;
  final List<TurnEvent> events = new ArrayList<>();
  private DeterministicScheduler.Task timer;

  TurnClientDriver(SimNet net, SimSocket socket, TransportAddress server, TurnConfig config, String name) {
    this.net = net;
    this.socket = socket;
    this.server = server;
    this.client = TurnClient.allocate(config, net.entropy(name), net.scheduler().nowNanos());
    socket.onReceive((from, to, data) -> {
      if (from.equals(server)) {
        client.handleInbound(data, net.scheduler().nowNanos());
        pump();
      }
    });
    pump();
  }

  /** Sends what the client produced, collects its events and re-arms its one timer. */
  void pump() {
    byte[] b;
    while ((b = client.pollTransmit()) != null) {
      socket.send(server, b);
    }
    TurnEvent e;
    while ((e = client.pollEvent()) != null) {
      events.add(e);
    }
    if (timer != null) {
      timer.cancel();
    }
    long t = client.pollTimeoutNanos();
    if (t != Long.MAX_VALUE) {
      timer = net.scheduler().scheduleAt(t, () -> {
        client.handleTimeout(net.scheduler().nowNanos());
        pump();
      });
    }
  }

  <T extends TurnEvent> List<T> events(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (TurnEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }
}
