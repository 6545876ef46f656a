package dev.jrtc.sctp;

/**
 * Re-configuration Response Parameter, RFC 6525 §4.4
 * (https://www.rfc-editor.org/rfc/rfc6525#section-4.4). The two TSN fields are optional and present
 * together or not at all; {@code null} when absent.
 *
 * <pre>
 * |     Parameter Type = 16       |      Parameter Length         |
 * |         Re-configuration Response Sequence Number             |
 * |                            Result                             |
 * |                   Sender's Next TSN (optional)                |
 * |                  Receiver's Next TSN (optional)               |
 * </pre>
 */
record ReconfigurationResponseParameter(
    int responseSequenceNumber, int result, Integer sendersNextTsn, Integer receiversNextTsn)
    implements Parameter {

  static final int SUCCESS_NOTHING_TO_DO = 0;
  static final int SUCCESS_PERFORMED = 1;
  static final int DENIED = 2;
  static final int ERROR_WRONG_SSN = 3;
  static final int ERROR_REQUEST_ALREADY_IN_PROGRESS = 4;
  static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
  static final int IN_PROGRESS = 6;

  ReconfigurationResponseParameter {
    if ((sendersNextTsn == null) != (receiversNextTsn == null)) {
      throw new IllegalArgumentException("sender's and receiver's next TSN go together");
    }
  }

  static ReconfigurationResponseParameter parseValue(ByteReader v, int at) throws SctpParseException {
    int seq = v.u32("re-configuration response sequence number");
    int result = v.u32("result");
    if (v.remaining() == 0) {
      return new ReconfigurationResponseParameter(seq, result, null, null);
    }
    if (v.remaining() != 8) {
      throw new SctpParseException(
          "re-configuration response has " + v.remaining() + " bytes of TSNs, want 0 or 8", at);
    }
    int sender = v.u32("sender's next TSN");
    int receiver = v.u32("receiver's next TSN");
    return new ReconfigurationResponseParameter(seq, result, sender, receiver);
  }

  @Override
  public int type() {
    return RECONFIGURATION_RESPONSE;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(responseSequenceNumber).u32(result);
    if (sendersNextTsn != null) {
      w.u32(sendersNextTsn).u32(receiversNextTsn);
    }
  }
}
