package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Bad SDP from the network never leaks a runtime exception (ARCHITECTURE.md "Bad input"): mutated
 * Chromium offers and answers either apply or are rejected with a DOMException that is not an
 * internal error, and an applied offer can always be answered. Deterministic (seeded).
 */
class RemoteSdpMutationTest {

  private static final String[] FIXTURES = {"chromium156-offer-av.sdp", "chromium156-offer-datachannel.sdp"};

  private static String mutate(String sdp, Random r) {
    List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n", -1)));
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits && lines.size() > 1; i++) {
      int at = r.nextInt(lines.size() - 1);
      String line = lines.get(at);
      switch (r.nextInt(6)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> lines.set(at, line.isEmpty() ? line : line.substring(0, r.nextInt(line.length())));
        case 3 -> {
          if (!line.isEmpty()) {
            char[] c = line.toCharArray();
            c[r.nextInt(c.length)] = " :/0a=-9\u00ff".charAt(r.nextInt(9));
            lines.set(at, new String(c));
          }
        }
        case 4 -> lines.set(at, line.replaceAll("[0-9]+", Integer.toString(r.nextInt(70000) - 1)));
        default -> lines.add(at, lines.get(r.nextInt(lines.size())));
      }
    }
    return String.join("\r\n", lines);
  }

  private static void assertSettledWithoutInternalError(CompletableFuture<?> f, String sdp) {
    assertThat(f).as("settled for:\n%s", sdp).isDone();
    if (f.isCompletedExceptionally()) {
      try {
        f.join();
      } catch (CompletionException e) {
        assertThat(e.getCause()).as("for:\n%s", sdp).isInstanceOf(DOMException.class);
        assertThat(e.getCause().getMessage()).as("for:\n%s", sdp).doesNotStartWith("Internal error");
      }
    }
  }

  @Test
  void mutatedOffersApplyOrRejectCleanly() {
    Random r = new Random(20261125);
    for (int i = 0; i < 400; i++) {
      ManualExecutor ex = new ManualExecutor();
      RTCPeerConnection pc = Peers.pc(ex);
      String sdp = mutate(ChromiumFixturesTest.fixture(FIXTURES[i % FIXTURES.length]), r);
      CompletableFuture<Void> srd = pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, sdp));
      ex.drain();
      assertSettledWithoutInternalError(srd, sdp);
      if (!srd.isCompletedExceptionally()) {
        CompletableFuture<RTCSessionDescriptionInit> answer = pc.createAnswer();
        ex.drain();
        assertSettledWithoutInternalError(answer, sdp);
        assertThat(answer).isCompleted();
        CompletableFuture<Void> sld = pc.setLocalDescription(answer.join());
        ex.drain();
        assertSettledWithoutInternalError(sld, sdp);
        assertThat(sld).as("local answer to:\n%s", sdp).isCompleted();
        assertThat(sld.isCompletedExceptionally()).as("local answer to:\n%s", sdp).isFalse();
      } else {
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(pc.remoteDescription()).isNull();
        assertThat(pc.getTransceivers()).isEmpty();
      }
    }
  }

  @Test
  void mutatedAnswersApplyOrRejectCleanly() {
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      ManualExecutor ex = new ManualExecutor();
      RTCPeerConnection pc = Peers.pc(ex);
      pc.addTrack(MediaStreamTrack.create("audio"), new MediaStream());
      pc.addTrack(MediaStreamTrack.create("video"), new MediaStream());
      pc.createDataChannel("d");
      ex.await(pc.setLocalDescription());
      String sdp = mutate(ChromiumFixturesTest.fixture("chromium156-answer-av.sdp"), r);
      CompletableFuture<Void> srd = pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, sdp));
      ex.drain();
      assertSettledWithoutInternalError(srd, sdp);
      RTCSignalingState expected = srd.isCompletedExceptionally() ? RTCSignalingState.HAVE_LOCAL_OFFER
          : RTCSignalingState.STABLE;
      assertThat(pc.signalingState()).isEqualTo(expected);
    }
  }
}
