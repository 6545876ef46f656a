package dev.jrtc.bench;

import dev.jrtc.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * jrtc-sdp parse and write of the Chromium 156 offer with audio, video and a data channel
 * (183 lines, 7 KB; {@code sdp/chromium156-offer-av.sdp}, copied from the shared fixtures).
 * Run with {@code ./jrtc bench sdp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SdpBenchmark {

  private String offer;
  private SessionDescription parsed;

  /** Loads the offer and parses it once for {@link #writeChromiumOffer()}. */
  @Setup
  public void load() {
    try (InputStream in = SdpBenchmark.class.getResourceAsStream("/sdp/chromium156-offer-av.sdp")) {
      if (in == null) {
        throw new IllegalStateException("missing resource sdp/chromium156-offer-av.sdp");
      }
      offer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parsed = SessionDescription.parse(offer);
    if (!parsed.write().equals(offer)) {
      throw new IllegalStateException("round trip of the Chromium offer is not lossless");
    }
  }

  /** Text to model. */
  @Benchmark
  public SessionDescription parseChromiumOffer() {
    return SessionDescription.parse(offer);
  }

  /** Model to text. */
  @Benchmark
  public String writeChromiumOffer() {
    return parsed.write();
  }

  /** Text to model to text, as a signaling relay that inspects SDP would do. */
  @Benchmark
  public String parseAndWrite() {
    return SessionDescription.parse(offer).write();
  }
}
