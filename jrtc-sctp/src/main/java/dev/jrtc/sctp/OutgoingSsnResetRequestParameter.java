package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * Outgoing SSN Reset Request Parameter, RFC 6525 §4.1
 * (https://www.rfc-editor.org/rfc/rfc6525#section-4.1). WebRTC closes a data channel by resetting
 * its outgoing stream (RFC 8831 §6.7).
 *
 * <pre>
 * |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
 * |           Re-configuration Request Sequence Number            |
 * |           Re-configuration Response Sequence Number           |
 * |                Sender's Last Assigned TSN                     |
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * </pre>
 */
record OutgoingSsnResetRequestParameter(
    int requestSequenceNumber, int responseSequenceNumber, int sendersLastAssignedTsn, List<Integer> streams)
    implements Parameter {
  OutgoingSsnResetRequestParameter {
    streams = List.copyOf(streams);
  }

  static OutgoingSsnResetRequestParameter parseValue(ByteReader v, int at) throws SctpParseException {
    int req = v.u32("re-configuration request sequence number");
    int resp = v.u32("re-configuration response sequence number");
    int last = v.u32("sender's last assigned TSN");
    if ((v.remaining() & 1) != 0) {
      throw new SctpParseException("outgoing SSN reset request has an odd stream list length", at);
    }
    List<Integer> streams = new ArrayList<>();
    while (v.remaining() > 0) {
      streams.add(v.u16("stream number"));
    }
    return new OutgoingSsnResetRequestParameter(req, resp, last, streams);
  }

  @Override
  public int type() {
    return OUTGOING_SSN_RESET_REQUEST;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(requestSequenceNumber).u32(responseSequenceNumber).u32(sendersLastAssignedTsn);
    for (int s : streams) {
      w.u16(s);
    }
  }
}
