package dev.jrtc.turn;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ChannelNumber;
import dev.jrtc.stun.Data;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Lifetime;
import dev.jrtc.stun.MessageIntegrity;
import dev.jrtc.stun.Nonce;
import dev.jrtc.stun.Realm;
import dev.jrtc.stun.RequestedTransport;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import dev.jrtc.stun.XorPeerAddress;
import dev.jrtc.stun.XorRelayedAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-test TURN server speaking RFC 8656 over UDP for one client: long-term credentials with
 * REALM/NONCE challenges, stale nonces, Allocate, Refresh, CreatePermission, ChannelBind,
 * Send/Data indications and ChannelData. Written from the RFC, independent of TurnClient.
 */
public final class FakeTurnServer {
  static final String REALM = "example.org";
  final String user;
  final String password;
  final InetSocketAddress clientMapped;
  final InetSocketAddress relayed;
  String nonce = "nonce-1";
  boolean allocated;
  /** Issue a new nonce right after each 401 challenge, so the next request gets a 438. */
  boolean rotateAfterChallenge;
  long lifetimeGranted;
  public int allocates;
  public int refreshes;
  public int createPermissions;
  public int channelBinds;
  public int deallocations;
  final Set<InetAddress> permissions = new HashSet<>();
  final Map<Integer, InetSocketAddress> channels = new HashMap<>();
  public final List<Object[]> toPeers = new ArrayList<>();
  private final Entropy entropy = Entropy.seeded(99);

  public FakeTurnServer(String user, String password, InetSocketAddress clientMapped, InetSocketAddress relayed) {
    this.user = user;
    this.password = password;
    this.clientMapped = clientMapped;
    this.relayed = relayed;
  }

  private byte[] key() {
    return StunCredentials.longTermKey(user, REALM, password);
  }

  /** Handles one datagram from the client; returns the responses (zero or one). */
  public List<byte[]> handle(byte[] datagram) throws Exception {
    List<byte[]> out = new ArrayList<>();
    if (ChannelData.isChannelData(datagram)) {
      ChannelData cd = ChannelData.parse(datagram);
      InetSocketAddress peer = channels.get(cd.channel());
      if (peer != null) {
        toPeers.add(new Object[] {peer, cd.data()});
      }
      return out;
    }
    StunMessage m = StunMessage.parse(datagram);
    if (m.stunClass() == StunClass.INDICATION && m.method().equals(StunMethod.SEND)) {
      XorPeerAddress peer = m.attribute(XorPeerAddress.class).orElseThrow();
      if (permissions.contains(peer.address())) {
        toPeers.add(new Object[] {new InetSocketAddress(peer.address(), peer.port()),
            m.attribute(Data.class).orElseThrow().value()});
      }
      return out;
    }
    // RFC 8489 §9.2.4 server side of the long-term mechanism.
    if (!m.has(MessageIntegrity.class)) {
      out.add(error(m, 401, "Unauthenticated", true, false));
      if (rotateAfterChallenge) {
        nonce = nonce + "x";
        rotateAfterChallenge = false;
      }
      return out;
    }
    if (!m.attribute(Username.class).map(Username::value).orElse("").equals(user)
        || !m.checkMessageIntegrity(key())) {
      out.add(error(m, 401, "Unauthenticated", true, false));
      return out;
    }
    if (!m.attribute(Nonce.class).map(Nonce::value).orElse("").equals(nonce)) {
      out.add(error(m, 438, "Stale Nonce", true, false));
      return out;
    }
    if (m.method().equals(StunMethod.ALLOCATE)) {
      allocates++;
      if (allocated) {
        out.add(error(m, 437, "Allocation Mismatch", false, true));
        return out;
      }
      if (m.attribute(RequestedTransport.class).map(RequestedTransport::protocol).orElse(0) != 17) {
        out.add(error(m, 442, "Unsupported Transport Protocol", false, true));
        return out;
      }
      allocated = true;
      lifetimeGranted = Math.min(3600, m.attribute(Lifetime.class).map(Lifetime::seconds).orElse(600L));
      out.add(success(m)
          .add(new XorRelayedAddress(relayed.getAddress(), relayed.getPort()))
          .add(new XorMappedAddress(clientMapped.getAddress(), clientMapped.getPort()))
          .add(new Lifetime(lifetimeGranted))
          .addMessageIntegrity(key()).build().encode());
    } else if (m.method().equals(StunMethod.REFRESH)) {
      if (!allocated) {
        out.add(error(m, 437, "Allocation Mismatch", false, true));
        return out;
      }
      long lifetime = m.attribute(Lifetime.class).map(Lifetime::seconds).orElse(600L);
      if (lifetime == 0) {
        allocated = false;
        deallocations++;
      } else {
        refreshes++;
      }
      out.add(success(m).add(new Lifetime(Math.min(lifetime, 3600))).addMessageIntegrity(key()).build().encode());
    } else if (m.method().equals(StunMethod.CREATE_PERMISSION)) {
      createPermissions++;
      permissions.add(m.attribute(XorPeerAddress.class).orElseThrow().address());
      out.add(success(m).addMessageIntegrity(key()).build().encode());
    } else if (m.method().equals(StunMethod.CHANNEL_BIND)) {
      channelBinds++;
      int ch = m.attribute(ChannelNumber.class).orElseThrow().channel();
      XorPeerAddress peer = m.attribute(XorPeerAddress.class).orElseThrow();
      channels.put(ch, new InetSocketAddress(peer.address(), peer.port()));
      permissions.add(peer.address());
      out.add(success(m).addMessageIntegrity(key()).build().encode());
    }
    return out;
  }

  /** Data a peer sends to the relayed address, as the server forwards it to the client. */
  /** Drops the allocation without telling the client (a server restart): its next Refresh gets 437. */
  public void forget() {
    allocated = false;
  }

  public byte[] fromPeer(InetSocketAddress peer, byte[] data) {
    if (!permissions.contains(peer.getAddress())) {
      return null;
    }
    for (Map.Entry<Integer, InetSocketAddress> e : channels.entrySet()) {
      if (e.getValue().equals(peer)) {
        return new ChannelData(e.getKey(), data).encode();
      }
    }
    return StunMessage.builder(StunMethod.DATA, StunClass.INDICATION, TransactionId.random(entropy))
        .add(new XorPeerAddress(peer.getAddress(), peer.getPort())).add(new Data(data)).build().encode();
  }

  private StunMessage.Builder success(StunMessage m) {
    return StunMessage.builder(m.method(), StunClass.SUCCESS_RESPONSE, m.transactionId());
  }

  private byte[] error(StunMessage m, int code, String reason, boolean challenge, boolean integrity) {
    StunMessage.Builder b = StunMessage.builder(m.method(), StunClass.ERROR_RESPONSE, m.transactionId())
        .add(new ErrorCode(code, reason));
    if (challenge) {
      b.add(new Realm(REALM)).add(new Nonce(nonce));
    }
    if (integrity) {
      b.addMessageIntegrity(key());
    }
    return b.build().encode();
  }
}
