/**
 * SDP (RFC 8866) with the WebRTC attributes: a lossless parser, an immutable model, builders and a
 * writer.
 *
 * <p>{@link dev.jrtc.sdp.SessionDescription#parse(String)} keeps every line's text and line
 * terminator, so {@code parse(text).write()} reproduces the input byte for byte (CRLF, LF, mixed,
 * no final newline, unknown lines and attributes, odd spacing). Typed views such as
 * {@link dev.jrtc.sdp.RtpMap}, {@link dev.jrtc.sdp.Candidate} or {@link dev.jrtc.sdp.ExtMap} are
 * parsed from attribute values on demand and never used to re-render a line that was not
 * changed; each has {@code parse(String)} and a canonical {@code toValue()} for building
 * attributes. Malformed input fails with {@link dev.jrtc.sdp.SdpParseException}, which names the
 * line. A description is limited to 1 MiB and a line to 64 KiB.
 */
package dev.jrtc.sdp;
