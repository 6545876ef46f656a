package dev.jrtc.internal.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS message, RFC 1035 §4.1, as mDNS uses it (RFC 6762 §18): enough to send a one-shot
 * A/AAAA query and read the answers.
 *
 * <pre>
 *   ID (16) | QR | Opcode (4) | AA | TC | RD | RA | Z | AD | CD | RCODE (4)
 *   QDCOUNT (16) | ANCOUNT (16) | NSCOUNT (16) | ARCOUNT (16)
 *   questions, answers, authority records, additional records
 * </pre>
 *
 * <p>The writer never compresses names; the parser follows compression pointers (§4.1.4) only
 * backwards, so a pointer loop cannot hang it. Every malformed input is a
 * {@link DnsParseException} naming the field and offset.
 *
 * @param id the ID (0 in mDNS multicast, RFC 6762 §18.1)
 * @param flags the 16 flag bits
 * @param questions the question section
 * @param answers the answer section
 * @param authorities the authority section
 * @param additionals the additional section
 */
record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
    List<DnsRecord> authorities, List<DnsRecord> additionals) {
  static final int TYPE_A = 1;
  static final int TYPE_AAAA = 28;
  static final int CLASS_IN = 1;
  /** The QR bit: a response. */
  static final int FLAG_RESPONSE = 0x8000;
  /** The AA bit (RFC 6762 §18.4: set in every mDNS response). */
  static final int FLAG_AUTHORITATIVE = 0x0400;
  /** RFC 1035 §2.3.4. */
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_LABEL_LENGTH = 63;

  DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  /** A query with the given questions. */
  static DnsMessage query(int id, List<DnsQuestion> questions) {
    return new DnsMessage(id, 0, questions, List.of(), List.of(), List.of());
  }

  /** True when QR says response. */
  boolean isResponse() {
    return (flags & FLAG_RESPONSE) != 0;
  }

  /** The RCODE. */
  int rcode() {
    return flags & 0xf;
  }

  // ---------------------------------------------------------------- writing

  /** The wire form, without name compression. */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    u16(out, id);
    u16(out, flags);
    u16(out, questions.size());
    u16(out, answers.size());
    u16(out, authorities.size());
    u16(out, additionals.size());
    for (DnsQuestion q : questions) {
      writeName(out, q.name());
      u16(out, q.type());
      u16(out, q.qclass());
    }
    for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
      for (DnsRecord r : section) {
        writeName(out, r.name());
        u16(out, r.type());
        u16(out, r.rrclass());
        u16(out, (int) (r.ttl() >>> 16));
        u16(out, (int) r.ttl());
        byte[] rdata = r.rdata();
        if (rdata.length > 0xffff) {
          throw new IllegalArgumentException("RDATA longer than 65535 bytes");
        }
        u16(out, rdata.length);
        out.writeBytes(rdata);
      }
    }
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write((v >>> 8) & 0xff);
    out.write(v & 0xff);
  }

  private static void writeName(ByteArrayOutputStream out, String name) {
    int total = 1;
    if (!name.isEmpty()) {
      for (String label : name.split("\\.", -1)) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > MAX_LABEL_LENGTH) {
          throw new IllegalArgumentException("DNS label must be 1..63 bytes: \"" + label + "\" in " + name);
        }
        total += 1 + b.length;
        out.write(b.length);
        out.writeBytes(b);
      }
    }
    if (total > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("DNS name longer than 255 bytes: " + name);
    }
    out.write(0);
  }

  // ---------------------------------------------------------------- parsing

  /** Parses a DNS message; trailing bytes after the last record are an error. */
  static DnsMessage parse(byte[] data) throws DnsParseException {
    Reader r = new Reader(data);
    int id = r.u16("ID");
    int flags = r.u16("flags");
    int qd = r.u16("QDCOUNT");
    int an = r.u16("ANCOUNT");
    int ns = r.u16("NSCOUNT");
    int ar = r.u16("ARCOUNT");
    List<DnsQuestion> questions = new ArrayList<>();
    for (int i = 0; i < qd; i++) {
      String name = r.name("QNAME");
      questions.add(new DnsQuestion(name, r.u16("QTYPE"), r.u16("QCLASS")));
    }
    List<DnsRecord> answers = records(r, an, "answer");
    List<DnsRecord> authorities = records(r, ns, "authority");
    List<DnsRecord> additionals = records(r, ar, "additional");
    if (r.pos != data.length) {
      throw new DnsParseException((data.length - r.pos) + " trailing bytes after the last record", r.pos);
    }
    return new DnsMessage(id, flags, questions, answers, authorities, additionals);
  }

  private static List<DnsRecord> records(Reader r, int count, String section) throws DnsParseException {
    List<DnsRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = r.name(section + " NAME");
      int type = r.u16(section + " TYPE");
      int rrclass = r.u16(section + " CLASS");
      long ttl = ((long) r.u16(section + " TTL") << 16) | r.u16(section + " TTL");
      int len = r.u16(section + " RDLENGTH");
      out.add(new DnsRecord(name, type, rrclass, ttl, r.bytes(len, section + " RDATA")));
    }
    return out;
  }

  /** A bounds-checked cursor. */
  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int u16(String field) throws DnsParseException {
      if (pos + 2 > data.length) {
        throw new DnsParseException("truncated " + field, pos);
      }
      int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    byte[] bytes(int n, String field) throws DnsParseException {
      if (pos + n > data.length) {
        throw new DnsParseException("truncated " + field + " (" + n + " bytes announced)", pos);
      }
      byte[] b = new byte[n];
      System.arraycopy(data, pos, b, 0, n);
      pos += n;
      return b;
    }

    /** A name, following compression pointers (RFC 1035 §4.1.4) strictly backwards. */
    String name(String field) throws DnsParseException {
      StringBuilder sb = new StringBuilder();
      int p = pos;
      int end = -1; // where the cursor continues after the first pointer
      int length = 1;
      int lowestTarget = pos;
      while (true) {
        if (p >= data.length) {
          throw new DnsParseException("truncated " + field, p);
        }
        int len = data[p] & 0xff;
        if ((len & 0xc0) == 0xc0) {
          if (p + 2 > data.length) {
            throw new DnsParseException("truncated compression pointer in " + field, p);
          }
          int target = ((len & 0x3f) << 8) | (data[p + 1] & 0xff);
          if (target >= lowestTarget) {
            throw new DnsParseException("compression pointer in " + field + " does not point backwards", p);
          }
          lowestTarget = target;
          if (end < 0) {
            end = p + 2;
          }
          p = target;
          continue;
        }
        if ((len & 0xc0) != 0) {
          throw new DnsParseException("reserved label type 0x" + Integer.toHexString(len & 0xc0) + " in " + field, p);
        }
        p++;
        if (len == 0) {
          break;
        }
        if (p + len > data.length) {
          throw new DnsParseException("truncated label in " + field, p - 1);
        }
        length += 1 + len;
        if (length > MAX_NAME_LENGTH) {
          throw new DnsParseException(field + " longer than 255 bytes", p - 1);
        }
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(new String(data, p, len, StandardCharsets.UTF_8));
        p += len;
      }
      pos = end >= 0 ? end : p;
      return sb.toString();
    }
  }
}
