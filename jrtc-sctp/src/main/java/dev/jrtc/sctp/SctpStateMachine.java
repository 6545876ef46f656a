package dev.jrtc.sctp;

/**
 * The association state diagram of RFC 9260 §4 (Figure 3) as one function, so every state change
 * of {@link SctpAssociation} goes through a table that is tested row by row.
 */
final class SctpStateMachine {

  /** What moves the association between states. */
  enum Input {
    /** The user starts the association: INIT sent. */
    ASSOCIATE,
    /** INIT ACK received: COOKIE ECHO sent. */
    INIT_ACK_RECEIVED,
    /** A valid COOKIE ECHO received: TCB built, COOKIE ACK sent. */
    COOKIE_ECHO_RECEIVED,
    /** COOKIE ACK received. */
    COOKIE_ACK_RECEIVED,
    /** The user asks for a graceful shutdown. */
    SHUTDOWN,
    /** SHUTDOWN received. */
    SHUTDOWN_RECEIVED,
    /** No data is outstanding any more: SHUTDOWN or SHUTDOWN ACK can go. */
    NO_MORE_OUTSTANDING,
    /** SHUTDOWN ACK received: SHUTDOWN COMPLETE sent. */
    SHUTDOWN_ACK_RECEIVED,
    /** SHUTDOWN COMPLETE received. */
    SHUTDOWN_COMPLETE_RECEIVED,
    /** ABORT sent or received, or the peer found unreachable. */
    ABORT
  }

  private SctpStateMachine() {}

  /** The state after {@code input} in {@code from}, or null when the input is not valid there. */
  static SctpState next(SctpState from, Input input) {
    switch (input) {
      case ASSOCIATE:
        return from == SctpState.CLOSED ? SctpState.COOKIE_WAIT : null;
      case INIT_ACK_RECEIVED:
        return from == SctpState.COOKIE_WAIT ? SctpState.COOKIE_ECHOED : null;
      case COOKIE_ECHO_RECEIVED:
        // §5.1 D and §5.2.4 (INIT collision): a valid cookie establishes from any opening state.
        return from == SctpState.CLOSED || from == SctpState.COOKIE_WAIT || from == SctpState.COOKIE_ECHOED
            ? SctpState.ESTABLISHED : null;
      case COOKIE_ACK_RECEIVED:
        return from == SctpState.COOKIE_ECHOED ? SctpState.ESTABLISHED : null;
      case SHUTDOWN:
        return from == SctpState.ESTABLISHED ? SctpState.SHUTDOWN_PENDING : null;
      case SHUTDOWN_RECEIVED:
        if (from == SctpState.ESTABLISHED || from == SctpState.SHUTDOWN_PENDING) {
          return SctpState.SHUTDOWN_RECEIVED;
        }
        // §9.2: SHUTDOWN received in SHUTDOWN-SENT (both closing at once) answers with SHUTDOWN ACK.
        return from == SctpState.SHUTDOWN_SENT ? SctpState.SHUTDOWN_ACK_SENT : null;
      case NO_MORE_OUTSTANDING:
        if (from == SctpState.SHUTDOWN_PENDING) {
          return SctpState.SHUTDOWN_SENT;
        }
        return from == SctpState.SHUTDOWN_RECEIVED ? SctpState.SHUTDOWN_ACK_SENT : null;
      case SHUTDOWN_ACK_RECEIVED:
        return from == SctpState.SHUTDOWN_SENT || from == SctpState.SHUTDOWN_ACK_SENT ? SctpState.CLOSED : null;
      case SHUTDOWN_COMPLETE_RECEIVED:
        return from == SctpState.SHUTDOWN_ACK_SENT ? SctpState.CLOSED : null;
      case ABORT:
        return from != SctpState.CLOSED ? SctpState.CLOSED : null;
      default:
        throw new AssertionError(input);
    }
  }
}
