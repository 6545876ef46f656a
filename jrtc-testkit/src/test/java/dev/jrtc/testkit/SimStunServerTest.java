package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.XorMappedAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 8489 §7.3 Binding behind a NAT. */
class SimStunServerTest {

  @Test
  void answersBindingWithTheServerReflexiveAddress() throws Exception {
    SimNet net = SimNet.builder().build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimRouter lan = wan.child("lan", "192.168.0.0/24", Nat.portRestrictedCone(), "1.2.3.1");
    SimStunServer stun = SimStunServer.start(wan.host("1.2.3.4"), 3478);
    SimSocket client = lan.host("192.168.0.2").bind(5000);
    StunMessage request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
        TransactionId.random(Entropy.seeded(1))).addFingerprint().build();
    client.send(stun.address(), request.encode());
    client.send(stun.address(), new byte[] {1, 2, 3});
    net.advance(Duration.ofMillis(1));
    SimDatagram d = client.receive();
    StunMessage response = StunMessage.parse(d.data());
    assertThat(response.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(response.transactionId()).isEqualTo(request.transactionId());
    assertThat(response.checkFingerprint()).isTrue();
    XorMappedAddress mapped = response.attribute(XorMappedAddress.class).orElseThrow();
    assertThat(mapped.address()).isEqualTo(Cidr.ip("1.2.3.1"));
    assertThat(mapped.port()).isEqualTo(5000);
    assertThat(stun.requestsAnswered()).isEqualTo(1);
    assertThat(stun.dropped()).isEqualTo(1);
    assertThat(client.receive()).isNull();
  }
}
