package dev.jrtc.bench;

import dev.jrtc.AlgorithmIdentifier;
import dev.jrtc.MediaStream;
import dev.jrtc.MediaStreamTrack;
import dev.jrtc.RTCCertificate;
import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import dev.jrtc.internal.net.NetworkSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full offer/answer round (createOffer, setLocalDescription, setRemoteDescription,
 * createAnswer, setLocalDescription, setRemoteDescription) between two in-process connections
 * with audio, video and a data channel. The connections run their tasks on the calling thread
 * (a direct executor) so the figure is JSEP and SDP work, not thread hand-offs. Certificates are
 * made once, outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NegotiationBenchmark {

  private RTCCertificate certificate;
  private RTCPeerConnection offerer;
  private RTCPeerConnection answerer;

  /** Makes the certificate once. */
  @Setup(Level.Trial)
  public void certificate() {
    certificate = RTCPeerConnection.generateCertificate(AlgorithmIdentifier.ecdsa("P-256")).join();
  }

  /** Fresh connections for each round, so every round is an initial negotiation. */
  @Setup(Level.Invocation)
  public void connections() {
    Executor direct = Runnable::run;
    RTCConfiguration config = RTCConfiguration.builder().certificates(certificate).build();
    // Signaling only: no address may give a host candidate, so no socket is bound and the round
    // measures JSEP (SDP generation, parsing, checks), not ICE gathering.
    RTCSettings settings = RTCSettings.builder().eventExecutor(direct)
        .network(NetworkSettings.builder().loopback(false).addressFilter(a -> false).build()).build();
    offerer = new RTCPeerConnection(config, settings);
    answerer = new RTCPeerConnection(config, settings);
    MediaStream stream = new MediaStream();
    offerer.addTrack(MediaStreamTrack.create("audio"), stream);
    offerer.addTrack(MediaStreamTrack.create("video"), stream);
    offerer.createDataChannel("bench");
  }

  /** Closes the connections. */
  @TearDown(Level.Invocation)
  public void close() {
    offerer.close();
    answerer.close();
  }

  /** One offer/answer round; returns the answer so the work is not eliminated. */
  @Benchmark
  public RTCSessionDescriptionInit offerAnswerRound() {
    RTCSessionDescriptionInit offer = done(offerer.createOffer());
    done(offerer.setLocalDescription(offer));
    done(answerer.setRemoteDescription(offer));
    RTCSessionDescriptionInit answer = done(answerer.createAnswer());
    done(answerer.setLocalDescription(answer));
    done(offerer.setRemoteDescription(answer));
    return answer;
  }

  private static <T> T done(CompletableFuture<T> f) {
    if (!f.isDone()) {
      throw new IllegalStateException("a step did not complete on the direct executor");
    }
    return f.join();
  }
}
