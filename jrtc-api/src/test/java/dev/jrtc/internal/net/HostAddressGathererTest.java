package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link HostAddressGatherer} over a fake interface list (never this machine's interfaces). */
class HostAddressGathererTest {
  private static final NetworkInterfaces FAKE = () -> List.of(
      new NetworkInterfaces.Interface("lo", 1, true, true, List.of(ip("127.0.0.1"), ip("::1"))),
      new NetworkInterfaces.Interface("eth0", 2, true, false,
          List.of(ip("fe80::1%1"), ip("192.0.2.2"), ip("2001:db8::2"), ip("192.0.2.2"))),
      new NetworkInterfaces.Interface("wlan0", 3, true, false, List.of(ip("198.51.100.7"))),
      new NetworkInterfaces.Interface("docker0", 4, false, false, List.of(ip("172.17.0.1"))),
      new NetworkInterfaces.Interface("tun0", 5, true, false, List.of(ip("10.8.0.2"), ip("fec0::1"))));

  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> gather(NetworkSettings s) throws Exception {
    return HostAddressGatherer.gather(FAKE, s).stream().map(h -> h.interfaceName() + " " + h.address().getHostAddress())
        .toList();
  }

  @Test
  @DisplayName("defaults: every up interface, IPv4 first, no loopback, no link-local or site-local IPv6, no duplicates")
  void defaults() throws Exception {
    assertThat(gather(NetworkSettings.defaults())).containsExactly(
        "eth0 192.0.2.2", "wlan0 198.51.100.7", "tun0 10.8.0.2", "eth0 2001:db8:0:0:0:0:0:2");
  }

  @Test
  @DisplayName("loopback on adds 127.0.0.1 and ::1")
  void loopback() throws Exception {
    assertThat(gather(NetworkSettings.builder().loopback(true).build()))
        .startsWith("lo 127.0.0.1").contains("lo 0:0:0:0:0:0:0:1");
  }

  @Test
  @DisplayName("loopbackOnly() keeps 127.0.0.1 alone: the loopback test tier never binds a real interface")
  void loopbackOnly() throws Exception {
    assertThat(gather(NetworkSettings.loopbackOnly())).containsExactly("lo 127.0.0.1");
  }

  @Test
  @DisplayName("IPv4 and IPv6 switches")
  void families() throws Exception {
    assertThat(gather(NetworkSettings.builder().ipv6(false).build()))
        .containsExactly("eth0 192.0.2.2", "wlan0 198.51.100.7", "tun0 10.8.0.2");
    assertThat(gather(NetworkSettings.builder().ipv4(false).build())).containsExactly("eth0 2001:db8:0:0:0:0:0:2");
  }

  @Test
  @DisplayName("RFC 8445 §5.1.1.1: link-local IPv6 only when asked")
  void linkLocal() throws Exception {
    assertThat(gather(NetworkSettings.builder().linkLocalIpv6(true).ipv4(false).build()))
        .containsExactly("eth0 fe80:0:0:0:0:0:0:1%1", "eth0 2001:db8:0:0:0:0:0:2");
  }

  @Test
  @DisplayName("interface allow and deny lists; the deny list wins")
  void interfaceLists() throws Exception {
    assertThat(gather(NetworkSettings.builder().interfaceAllow(Set.of("wlan0", "tun0")).build()))
        .containsExactly("wlan0 198.51.100.7", "tun0 10.8.0.2");
    assertThat(gather(NetworkSettings.builder().interfaceDeny(Set.of("eth0", "tun0")).build()))
        .containsExactly("wlan0 198.51.100.7");
    assertThat(gather(NetworkSettings.builder().interfaceAllow(Set.of("wlan0")).interfaceDeny(Set.of("wlan0")).build()))
        .isEmpty();
    // An interface that is down is never used, even when allowed by name.
    assertThat(gather(NetworkSettings.builder().interfaceAllow(Set.of("docker0")).build())).isEmpty();
  }

  @Test
  @DisplayName("the address predicate has the last say")
  void predicate() throws Exception {
    assertThat(gather(NetworkSettings.builder().addressFilter(a -> !a.isSiteLocalAddress()).build()))
        .containsExactly("eth0 192.0.2.2", "wlan0 198.51.100.7", "eth0 2001:db8:0:0:0:0:0:2");
  }

  @Test
  @DisplayName("settings validate the port range")
  void portRangeValidation() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkSettings.builder().portRange(5000, 4000).build())
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkSettings.builder().portRange(0, 4000).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NetworkSettings.builder().portRange(4000, 4000).build().hasPortRange()).isTrue();
    assertThat(NetworkSettings.defaults().hasPortRange()).isFalse();
  }
}
