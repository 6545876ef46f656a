package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.stun.StunRetransmission;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The STUN/TURN server settings of {@link NetworkSettings}: defaults, copies, validation. */
class NetworkSettingsTest {

  @Test
  void defaultsAreTheRfcTimingTheSystemResolverAndTheJdkTrustStore() throws Exception {
    NetworkSettings d = NetworkSettings.defaults();
    assertThat(d.stunRetransmission()).isEqualTo(StunRetransmission.DEFAULT);
    assertThat(d.stunRetransmission().totalNanos()).isEqualTo(39_500_000_000L); // RFC 8489 §6.2.1
    assertThat(d.resolver()).isSameAs(HostResolver.system());
    assertThat(d.turnTlsContext()).isNull();
    assertThat(d.tlsContext()).isSameAs(SSLContext.getDefault());
    assertThat(d).isEqualTo(NetworkSettings.defaults());
  }

  @Test
  void toBuilderKeepsTheServerSettings() throws Exception {
    Function<String, CompletableFuture<List<InetAddress>>> resolver =
        host -> CompletableFuture.completedFuture(List.of(InetAddress.getLoopbackAddress()));
    SSLContext tls = SSLContext.getInstance("TLS");
    StunRetransmission timing = new StunRetransmission(1_000_000L, 2, 3);
    NetworkSettings s = NetworkSettings.loopbackOnly().toBuilder().resolver(resolver).turnTlsContext(tls)
        .stunRetransmission(timing).build();
    NetworkSettings copy = s.toBuilder().build();
    assertThat(copy.resolver()).isSameAs(resolver);
    assertThat(copy.turnTlsContext()).isSameAs(tls);
    assertThat(copy.tlsContext()).isSameAs(tls);
    assertThat(copy.stunRetransmission()).isEqualTo(timing);
    assertThat(copy.loopback()).isTrue();
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> NetworkSettings.builder().resolver(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> NetworkSettings.builder().stunRetransmission(null))
        .isInstanceOf(NullPointerException.class);
  }
}
