package dev.jrtc.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A DNS resource record, RFC 1035 §4.1.3. In mDNS the top bit of CLASS is the cache-flush
 * bit, RFC 6762 §10.2.
 *
 * <pre>
 *   NAME (labels) | TYPE (16) | CLASS (16) | TTL (32) | RDLENGTH (16) | RDATA
 * </pre>
 *
 * @param name the owner name, no trailing dot
 * @param type the TYPE
 * @param rrclass the CLASS with the cache-flush bit
 * @param ttl the TTL in seconds
 * @param rdata the RDATA bytes (A: 4 bytes, AAAA: 16 bytes, RFC 3596 §2.2)
 */
record DnsRecord(String name, int type, int rrclass, long ttl, byte[] rdata) {
  /** RFC 6762 §10.2: the cache-flush bit of CLASS. */
  static final int CACHE_FLUSH = 0x8000;

  DnsRecord {
    rdata = rdata.clone();
  }

  /** The class without the cache-flush bit. */
  int classCode() {
    return rrclass & ~CACHE_FLUSH;
  }

  /** The address of an IN A or AAAA record with RDATA of the right length, otherwise null. */
  InetAddress address() {
    if (classCode() != DnsMessage.CLASS_IN) {
      return null;
    }
    if ((type == DnsMessage.TYPE_A && rdata.length == 4) || (type == DnsMessage.TYPE_AAAA && rdata.length == 16)) {
      try {
        return InetAddress.getByAddress(rdata);
      } catch (UnknownHostException e) {
        throw new AssertionError("4 or 16 bytes are an address", e);
      }
    }
    return null;
  }

  @Override
  public byte[] rdata() {
    return rdata.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsRecord && ((DnsRecord) o).name.equals(name) && ((DnsRecord) o).type == type
        && ((DnsRecord) o).rrclass == rrclass && ((DnsRecord) o).ttl == ttl && Arrays.equals(((DnsRecord) o).rdata, rdata);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + type) * 31 + rrclass) * 31 + Arrays.hashCode(rdata);
  }

  @Override
  public String toString() {
    InetAddress a = address();
    return "DnsRecord[" + name + " type " + type + " class " + rrclass + " ttl " + ttl + " "
        + (a != null ? a.getHostAddress() : rdata.length + " bytes") + "]";
  }
}
