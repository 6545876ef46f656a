package dev.jrtc.stun;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes attribute values, RFC 8489 §14 and RFC 8656 §18. */
final class AttributeCodec {
  private AttributeCodec() {}

  static void checkUtf8(String value, int maxBytes, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    if (n > maxBytes) {
      throw new IllegalArgumentException(what + " is " + n + " bytes, more than " + maxBytes);
    }
  }

  private static String utf8(ByteReader r, String name, int maxBytes) throws StunParseException {
    int at = r.position();
    if (r.remaining() > maxBytes) {
      throw new StunParseException(name + " longer than " + maxBytes + " bytes", at);
    }
    byte[] b = r.bytes(r.remaining(), name);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new StunParseException(name + " is not valid UTF-8", at);
    }
  }

  private static void exact(ByteReader r, int len, String name) throws StunParseException {
    if (r.remaining() != len) {
      throw new StunParseException(name + " must be " + len + " bytes, is " + r.remaining(), r.position());
    }
  }

  private static int errorCode(ByteReader r, String name) throws StunParseException {
    int at = r.position();
    int cls = r.u8(name) & 0x07;
    int number = r.u8(name);
    if (cls < 3 || cls > 6 || number > 99) {
      throw new StunParseException(name + " class " + cls + " number " + number + " invalid", at);
    }
    return cls * 100 + number;
  }

  /** Decodes one attribute value; {@code r} holds exactly the value (no padding). */
  static StunAttribute parse(int type, ByteReader r, TransactionId txId) throws StunParseException {
    switch (type) {
      case MappedAddress.TYPE: {
        Object[] a = AddressCodec.read(r, false, txId, "MAPPED-ADDRESS");
        return new MappedAddress((InetAddress) a[0], (Integer) a[1]);
      }
      case XorMappedAddress.TYPE: {
        Object[] a = AddressCodec.read(r, true, txId, "XOR-MAPPED-ADDRESS");
        return new XorMappedAddress((InetAddress) a[0], (Integer) a[1]);
      }
      case XorPeerAddress.TYPE: {
        Object[] a = AddressCodec.read(r, true, txId, "XOR-PEER-ADDRESS");
        return new XorPeerAddress((InetAddress) a[0], (Integer) a[1]);
      }
      case XorRelayedAddress.TYPE: {
        Object[] a = AddressCodec.read(r, true, txId, "XOR-RELAYED-ADDRESS");
        return new XorRelayedAddress((InetAddress) a[0], (Integer) a[1]);
      }
      case Username.TYPE:
        return new Username(utf8(r, "USERNAME", Username.MAX_BYTES));
      case Realm.TYPE:
        return new Realm(utf8(r, "REALM", Realm.MAX_BYTES));
      case Nonce.TYPE:
        return new Nonce(utf8(r, "NONCE", Nonce.MAX_BYTES));
      case Software.TYPE:
        return new Software(utf8(r, "SOFTWARE", Software.MAX_BYTES));
      case MessageIntegrity.TYPE:
        exact(r, 20, "MESSAGE-INTEGRITY");
        return new MessageIntegrity(r.bytes(20, "MESSAGE-INTEGRITY"));
      case MessageIntegritySha256.TYPE: {
        int n = r.remaining();
        if (n < 16 || n > 32 || n % 4 != 0) {
          throw new StunParseException("MESSAGE-INTEGRITY-SHA256 length " + n + " invalid", r.position());
        }
        return new MessageIntegritySha256(r.bytes(n, "MESSAGE-INTEGRITY-SHA256"));
      }
      case Fingerprint.TYPE:
        exact(r, 4, "FINGERPRINT");
        return new Fingerprint(r.u32("FINGERPRINT"));
      case ErrorCode.TYPE: {
        exactAtLeast(r, 4, "ERROR-CODE");
        r.skip(2, "ERROR-CODE");
        int code = errorCode(r, "ERROR-CODE");
        return new ErrorCode(code, utf8(r, "ERROR-CODE reason", 763));
      }
      case UnknownAttributes.TYPE: {
        if (r.remaining() % 2 != 0) {
          throw new StunParseException("UNKNOWN-ATTRIBUTES length is odd", r.position());
        }
        List<Integer> types = new ArrayList<>();
        while (r.remaining() > 0) {
          types.add(r.u16("UNKNOWN-ATTRIBUTES"));
        }
        return new UnknownAttributes(types);
      }
      case Priority.TYPE:
        exact(r, 4, "PRIORITY");
        return new Priority(r.u32("PRIORITY"));
      case UseCandidate.TYPE:
        exact(r, 0, "USE-CANDIDATE");
        return new UseCandidate();
      case IceControlled.TYPE:
        exact(r, 8, "ICE-CONTROLLED");
        return new IceControlled(r.u64("ICE-CONTROLLED"));
      case IceControlling.TYPE:
        exact(r, 8, "ICE-CONTROLLING");
        return new IceControlling(r.u64("ICE-CONTROLLING"));
      case ChannelNumber.TYPE: {
        exact(r, 4, "CHANNEL-NUMBER");
        int ch = r.u16("CHANNEL-NUMBER");
        if (r.u16("CHANNEL-NUMBER RFFU") != 0) {
          throw new StunParseException("CHANNEL-NUMBER RFFU bits not zero", r.position() - 2);
        }
        return new ChannelNumber(ch);
      }
      case Lifetime.TYPE:
        exact(r, 4, "LIFETIME");
        return new Lifetime(r.u32("LIFETIME"));
      case Data.TYPE:
        return new Data(r.bytes(r.remaining(), "DATA"));
      case RequestedTransport.TYPE:
        exact(r, 4, "REQUESTED-TRANSPORT");
        return new RequestedTransport(reservedTail(r, "REQUESTED-TRANSPORT"));
      case DontFragment.TYPE:
        exact(r, 0, "DONT-FRAGMENT");
        return new DontFragment();
      case ReservationToken.TYPE:
        exact(r, 8, "RESERVATION-TOKEN");
        return new ReservationToken(r.u64("RESERVATION-TOKEN"));
      case EvenPort.TYPE: {
        exact(r, 1, "EVEN-PORT");
        int b = r.u8("EVEN-PORT");
        if ((b & 0x7f) != 0) {
          throw new StunParseException("EVEN-PORT reserved bits not zero", r.position() - 1);
        }
        return new EvenPort((b & 0x80) != 0);
      }
      case RequestedAddressFamily.TYPE:
        exact(r, 4, "REQUESTED-ADDRESS-FAMILY");
        return new RequestedAddressFamily(reservedTail(r, "REQUESTED-ADDRESS-FAMILY"));
      case AdditionalAddressFamily.TYPE:
        exact(r, 4, "ADDITIONAL-ADDRESS-FAMILY");
        return new AdditionalAddressFamily(reservedTail(r, "ADDITIONAL-ADDRESS-FAMILY"));
      case AddressErrorCode.TYPE: {
        exactAtLeast(r, 4, "ADDRESS-ERROR-CODE");
        int family = r.u8("ADDRESS-ERROR-CODE");
        r.skip(1, "ADDRESS-ERROR-CODE");
        int code = errorCode(r, "ADDRESS-ERROR-CODE");
        return new AddressErrorCode(family, code, utf8(r, "ADDRESS-ERROR-CODE reason", 763));
      }
      case Icmp.TYPE: {
        exact(r, 8, "ICMP");
        r.skip(2, "ICMP");
        int t = r.u8("ICMP type");
        int c = r.u8("ICMP code");
        return new Icmp(t, c, (int) r.u32("ICMP error data"));
      }
      default:
        return new RawAttribute(type, r.bytes(r.remaining(), "attribute"));
    }
  }

  private static void exactAtLeast(ByteReader r, int len, String name) throws StunParseException {
    if (r.remaining() < len) {
      throw new StunParseException(name + " shorter than " + len + " bytes", r.position());
    }
  }

  /** A one-byte value followed by three bytes that must be zero (RFFU). */
  private static int reservedTail(ByteReader r, String name) throws StunParseException {
    int v = r.u8(name);
    int at = r.position();
    if (r.u8(name) != 0 || r.u16(name) != 0) {
      throw new StunParseException(name + " reserved bytes not zero", at);
    }
    return v;
  }

  /** Writes the value (no header, no padding) of {@code a}. */
  static void writeValue(StunAttribute a, ByteWriter w, TransactionId txId) {
    if (a instanceof MappedAddress) {
      MappedAddress m = (MappedAddress) a;
      AddressCodec.write(w, m.address(), m.port(), false, txId);
    } else if (a instanceof XorMappedAddress) {
      XorMappedAddress m = (XorMappedAddress) a;
      AddressCodec.write(w, m.address(), m.port(), true, txId);
    } else if (a instanceof XorPeerAddress) {
      XorPeerAddress m = (XorPeerAddress) a;
      AddressCodec.write(w, m.address(), m.port(), true, txId);
    } else if (a instanceof XorRelayedAddress) {
      XorRelayedAddress m = (XorRelayedAddress) a;
      AddressCodec.write(w, m.address(), m.port(), true, txId);
    } else if (a instanceof Username) {
      w.bytes(((Username) a).value().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof Realm) {
      w.bytes(((Realm) a).value().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof Nonce) {
      w.bytes(((Nonce) a).value().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof Software) {
      w.bytes(((Software) a).value().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof MessageIntegrity) {
      w.bytes(((MessageIntegrity) a).raw());
    } else if (a instanceof MessageIntegritySha256) {
      w.bytes(((MessageIntegritySha256) a).raw());
    } else if (a instanceof Fingerprint) {
      w.u32(((Fingerprint) a).crc());
    } else if (a instanceof ErrorCode) {
      ErrorCode e = (ErrorCode) a;
      w.u16(0).u8(e.code() / 100).u8(e.code() % 100).bytes(e.reason().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof UnknownAttributes) {
      for (int t : ((UnknownAttributes) a).types()) {
        w.u16(t);
      }
    } else if (a instanceof Priority) {
      w.u32(((Priority) a).priority());
    } else if (a instanceof UseCandidate || a instanceof DontFragment) {
      // empty value
    } else if (a instanceof IceControlled) {
      w.u64(((IceControlled) a).tieBreaker());
    } else if (a instanceof IceControlling) {
      w.u64(((IceControlling) a).tieBreaker());
    } else if (a instanceof ChannelNumber) {
      w.u16(((ChannelNumber) a).channel()).u16(0);
    } else if (a instanceof Lifetime) {
      w.u32(((Lifetime) a).seconds());
    } else if (a instanceof Data) {
      w.bytes(((Data) a).raw());
    } else if (a instanceof RequestedTransport) {
      w.u8(((RequestedTransport) a).protocol()).u8(0).u16(0);
    } else if (a instanceof ReservationToken) {
      w.u64(((ReservationToken) a).token());
    } else if (a instanceof EvenPort) {
      w.u8(((EvenPort) a).reserveNextHigherPort() ? 0x80 : 0);
    } else if (a instanceof RequestedAddressFamily) {
      w.u8(((RequestedAddressFamily) a).family()).u8(0).u16(0);
    } else if (a instanceof AdditionalAddressFamily) {
      w.u8(((AdditionalAddressFamily) a).family()).u8(0).u16(0);
    } else if (a instanceof AddressErrorCode) {
      AddressErrorCode e = (AddressErrorCode) a;
      w.u8(e.family()).u8(0).u8(e.code() / 100).u8(e.code() % 100)
          .bytes(e.reason().getBytes(StandardCharsets.UTF_8));
    } else if (a instanceof Icmp) {
      Icmp i = (Icmp) a;
      w.u16(0).u8(i.icmpType()).u8(i.icmpCode()).u32(i.errorData() & 0xffffffffL);
    } else if (a instanceof RawAttribute) {
      w.bytes(((RawAttribute) a).raw());
    } else {
      throw new AssertionError("unhandled attribute " + a);
    }
  }
}
