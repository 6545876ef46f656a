package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** webrtc-pc §4.10 RTCCertificate and generateCertificate, after WPT RTCPeerConnection-generateCertificate. */
class RTCCertificateTest {

  private final ManualExecutor ex = new ManualExecutor();

  /** A fixed wall clock, so expiry is exact. */
  private static final Clock CLOCK = new Clock() {
    @Override
    public long monotonicNanos() {
      return 0;
    }

    @Override
    public long wallMillis() {
      return 1_800_000_000_000L;
    }
  };

  private static RTCSettings settings() {
    return RTCSettings.builder().clock(CLOCK).entropy(dev.jrtc.common.Entropy.seeded(1)).build();
  }

  @Test
  void ecdsaDefaultsToThirtyDays() {
    RTCCertificate c = RTCPeerConnection.generateCertificate(AlgorithmIdentifier.ecdsa("P-256"), settings()).join();
    assertThat(c.expires()).isEqualTo(CLOCK.wallMillis() + 30L * 24 * 3600 * 1000);
    assertThat(c.getFingerprints()).hasSize(1);
    assertThat(c.getFingerprints().get(0).algorithm()).isEqualTo("sha-256");
    assertThat(c.getFingerprints().get(0).value()).matches("^([0-9a-f]{2}:){31}[0-9a-f]{2}$");
    assertThat(c.dtlsCertificate().keyAlgorithm()).isEqualTo("EC");
  }

  @Test
  void rsa2048WithExpires() {
    RTCCertificate c = RTCPeerConnection.generateCertificate(
        AlgorithmIdentifier.rsa(2048, BigInteger.valueOf(65537), "SHA-256").withExpires(2000), settings()).join();
    assertThat(c.expires()).isEqualTo(CLOCK.wallMillis() + 2000);
    assertThat(c.dtlsCertificate().keyAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void zeroExpiresMakesAnExpiredCertificate() {
    RTCCertificate c = RTCPeerConnection.generateCertificate(
        AlgorithmIdentifier.ecdsa("P-256").withExpires(0), settings()).join();
    assertThat(c.expires()).isLessThanOrEqualTo(CLOCK.wallMillis());
  }

  private Throwable fails(AlgorithmIdentifier alg) {
    CompletableFuture<RTCCertificate> f = RTCPeerConnection.generateCertificate(alg, settings());
    assertThat(f).isCompletedExceptionally();
    return ex.failure(f);
  }

  @Test
  void unsupportedAlgorithmsAreNotSupportedError() {
    assertThat(ex.failure(RTCPeerConnection.generateCertificate("invalid-algo")))
        .isInstanceOf(NotSupportedException.class);
    assertThat(fails(AlgorithmIdentifier.named("invalid-algo"))).isInstanceOf(NotSupportedException.class);
    assertThat(fails(AlgorithmIdentifier.ecdsa("P-384"))).isInstanceOf(NotSupportedException.class);
    assertThat(fails(AlgorithmIdentifier.rsa(2048, BigInteger.valueOf(3), "SHA-256")))
        .isInstanceOf(NotSupportedException.class);
    assertThat(fails(AlgorithmIdentifier.rsa(2048, BigInteger.valueOf(65537), "SHA-1")))
        .isInstanceOf(NotSupportedException.class);
    Throwable t = fails(AlgorithmIdentifier.rsa(512, BigInteger.valueOf(65537), "SHA-256"));
    assertThat(((DOMException) t).name()).isEqualTo("NotSupportedError");
  }

  @Test
  void missingMembersAndNegativeExpiresAreTypeErrors() {
    assertThat(fails(AlgorithmIdentifier.named("ECDSA"))).isInstanceOf(TypeException.class);
    assertThat(fails(new AlgorithmIdentifier("RSASSA-PKCS1-v1_5", null, 2048, null, "SHA-256", null)))
        .isInstanceOf(TypeException.class);
    assertThat(fails(AlgorithmIdentifier.ecdsa("P-256").withExpires(-1))).isInstanceOf(TypeException.class);
  }

  @Test
  void theOfferCarriesTheConfiguredCertificatesFingerprint() {
    RTCCertificate c = RTCPeerConnection.generateCertificate(AlgorithmIdentifier.ecdsa("P-256"), settings()).join();
    RTCPeerConnection pc = Peers.pc(ex, RTCConfiguration.builder().certificates(c).build());
    pc.createDataChannel("x");
    String sdp = ex.await(pc.createOffer()).sdp();
    RTCDtlsFingerprint fp = c.getFingerprints().get(0);
    assertThat(sdp).contains("\r\na=fingerprint:" + fp.algorithm() + " " + fp.value().toUpperCase() + "\r\n");
    assertThat(pc.getConfiguration().certificates()).containsExactly(c);
  }
}
