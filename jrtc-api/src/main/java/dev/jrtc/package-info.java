/**
 * The W3C WebRTC API in Java: {@link dev.jrtc.RTCPeerConnection} and the objects, dictionaries,
 * enums, events and exceptions of webrtc-pc (https://w3c.github.io/webrtc-pc/), named as in the
 * IDL.
 *
 * <p>Mapping rules: an IDL attribute {@code fooBar} is {@code fooBar()} (and {@code setFooBar(v)}
 * when writable); methods keep their names; {@code Promise<T>} is
 * {@link java.util.concurrent.CompletableFuture}{@code <T>}; dictionaries are immutable records
 * with builders; IDL enums are Java enums with {@code value()} and {@code fromValue(String)}; an
 * event handler {@code onfoobar} is {@code onFooBar(handler)} plus {@code onFooBar()}; a DOM
 * exception is a {@link dev.jrtc.DOMException} subclass whose {@code name()} is the DOM name.
 * Non-W3C knobs live in {@link dev.jrtc.RTCSettings}.
 *
 * <p>Threads: each connection runs the spec's "queue a task" steps on one serial event executor
 * ({@link dev.jrtc.RTCSettings.Builder#eventExecutor}); every public method may be called from
 * any thread, the event executor included.
 *
 * <p>Local media: Java has no camera, so an application makes its tracks with
 * {@link dev.jrtc.MediaStreamTrack#create(String)}. Media and data do not flow yet (ICE, DTLS,
 * SCTP and RTP arrive with later issues); this version implements signaling.
 */
package dev.jrtc;
