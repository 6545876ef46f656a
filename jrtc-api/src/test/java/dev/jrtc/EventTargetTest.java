package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DOM EventTarget semantics: registration order, the handler slot, de-duplication, throwing listeners. */
class EventTargetTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);
  private final List<String> log = new ArrayList<>();

  @Test
  void handlerKeepsItsPlaceAmongListeners() {
    EventListener<Event> first = e -> log.add("first");
    pc.addEventListener("signalingstatechange", first);
    pc.onSignalingStateChange(e -> log.add("handler"));
    pc.addEventListener("signalingstatechange", e -> log.add("last"));
    pc.addEventListener("signalingstatechange", first); // duplicate: ignored
    pc.onSignalingStateChange(e -> log.add("handler2")); // replaced in place
    pc.dispatchEvent(new Event("signalingstatechange"));
    assertThat(log).containsExactly("first", "handler2", "last");
    log.clear();
    pc.onSignalingStateChange(null);
    assertThat(pc.onSignalingStateChange()).isNull();
    pc.removeEventListener("signalingstatechange", first);
    pc.dispatchEvent(new Event("signalingstatechange"));
    assertThat(log).containsExactly("last");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    pc.addEventListener("negotiationneeded", e -> {
      throw new IllegalStateException("listener bug");
    });
    pc.addEventListener("negotiationneeded", e -> log.add("second " + e.target().equals(pc)));
    pc.addTransceiver("audio");
    ex.drain();
    assertThat(log).containsExactly("second true");
  }

  @Test
  void eventsCarryTypeTargetAndTimeStamp() {
    List<Event> events = new ArrayList<>();
    pc.onNegotiationNeeded(events::add);
    pc.createDataChannel("x");
    ex.drain();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.type()).isEqualTo("negotiationneeded");
    assertThat(e.target()).isSameAs(pc);
    assertThat(e.currentTarget()).isSameAs(pc);
    assertThat(e.timeStamp()).isPositive();
    assertThat(pc.onNegotiationNeeded()).isNotNull();
  }
}
