package dev.jrtc.internal.net;

/**
 * A DNS question, RFC 1035 §4.1.2. In mDNS the top bit of QCLASS is the "unicast response"
 * (QU) bit, RFC 6762 §5.4.
 *
 * <pre>
 *   QNAME (labels) | QTYPE (16) | QCLASS (16)
 * </pre>
 *
 * @param name the name, labels joined with dots, no trailing dot
 * @param type the QTYPE ({@link DnsMessage#TYPE_A}, {@link DnsMessage#TYPE_AAAA})
 * @param qclass the QCLASS with the QU bit
 */
record DnsQuestion(String name, int type, int qclass) {
  /** RFC 6762 §5.4: the QU bit of QCLASS. */
  static final int UNICAST_RESPONSE = 0x8000;

  /** A question of class IN; {@code unicastResponse} sets the QU bit. */
  static DnsQuestion in(String name, int type, boolean unicastResponse) {
    return new DnsQuestion(name, type, DnsMessage.CLASS_IN | (unicastResponse ? UNICAST_RESPONSE : 0));
  }

  /** True when the QU bit is set. */
  boolean unicastResponse() {
    return (qclass & UNICAST_RESPONSE) != 0;
  }
}
