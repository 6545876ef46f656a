package dev.jrtc.examples;

import dev.jrtc.MediaStream;
import dev.jrtc.MediaStreamTrack;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCSettings;
import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.RTCRtpTransceiver;
import dev.jrtc.RTCRtpTransceiverDirection;
import dev.jrtc.RTCRtpTransceiverInit;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.RtpMap;
import dev.jrtc.sdp.SessionDescription;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The negotiation demo ({@code ./jrtc demo}): two in-process RTCPeerConnections, "alice" with an
 * audio track, a video track (one stream) and a data channel, and "bob" who answers. Prints both SDPs,
 * each signalingstatechange as it happens, and what was negotiated. Media and data do not flow
 * yet; later issues replace this demo with a connected one.
 */
public final class NegotiationDemo {

  private NegotiationDemo() {}

  /** Runs the demo, printing to {@code out}. */
  public static void run(PrintStream out) {
    // Signaling only: no host candidates are gathered, so the demo binds no socket.
    RTCSettings signalingOnly = RTCSettings.builder()
        .network(NetworkSettings.builder().loopback(false).addressFilter(a -> false).build()).build();
    RTCPeerConnection alice = new RTCPeerConnection(RTCConfiguration.builder().build(), signalingOnly);
    RTCPeerConnection bob = new RTCPeerConnection(RTCConfiguration.builder().build(), signalingOnly);
    try {
      alice.onSignalingStateChange(e -> out.println("  [alice] signalingstatechange -> "
          + alice.signalingState().value()));
      bob.onSignalingStateChange(e -> out.println("  [bob]   signalingstatechange -> "
          + bob.signalingState().value()));
      bob.onTrack(e -> out.println("  [bob]   track: " + e.track().kind() + " in stream "
          + (e.streams().isEmpty() ? "-" : e.streams().get(0).id())));

      MediaStream stream = new MediaStream();
      alice.addTrack(MediaStreamTrack.create("audio", "microphone"), stream);
      alice.addTransceiver(MediaStreamTrack.create("video", "camera"), RTCRtpTransceiverInit.builder()
          .direction(RTCRtpTransceiverDirection.SENDRECV).streams(stream).build());
      alice.createDataChannel("chat");

      out.println("== alice creates an offer and sets it as her local description");
      RTCSessionDescriptionInit offer = await(alice.createOffer());
      await(alice.setLocalDescription(offer));
      out.println("== offer (alice -> bob):");
      out.print(indent(offer.sdp()));
      out.println("== bob sets the offer as his remote description");
      await(bob.setRemoteDescription(offer));
      out.println("== bob answers");
      RTCSessionDescriptionInit answer = await(bob.createAnswer());
      await(bob.setLocalDescription(answer));
      out.println("== answer (bob -> alice):");
      out.print(indent(answer.sdp()));
      out.println("== alice sets the answer as her remote description");
      await(alice.setRemoteDescription(answer));

      out.println("== negotiated");
      out.println("  alice: " + alice.signalingState().value() + ", bob: " + bob.signalingState().value());
      for (RTCRtpTransceiver t : alice.getTransceivers()) {
        out.println("  alice mid " + t.mid() + ": direction " + t.direction().value() + ", current "
            + t.currentDirection().value());
      }
      for (RTCRtpTransceiver t : bob.getTransceivers()) {
        out.println("  bob   mid " + t.mid() + ": direction " + t.direction().value() + ", current "
            + t.currentDirection().value());
      }
      SessionDescription sd = SessionDescription.parse(answer.sdp());
      for (MediaDescription m : sd.media()) {
        List<String> codecs = new ArrayList<>();
        for (RtpMap r : m.rtpMaps()) {
          codecs.add(r.payloadType() + " " + r.encodingName() + "/" + r.clockRate());
        }
        out.println("  mid " + m.mid().orElse("?") + " " + m.media() + " " + m.proto()
            + (codecs.isEmpty() ? "" : ": " + String.join(", ", codecs)));
      }
    } finally {
      alice.close();
      bob.close();
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("negotiation step failed: " + e.getMessage(), e);
    }
  }

  private static String indent(String sdp) {
    StringBuilder sb = new StringBuilder();
    for (String line : sdp.split("\r\n")) {
      sb.append("    ").append(line).append(System.lineSeparator());
    }
    return sb.toString();
  }
}
