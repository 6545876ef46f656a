/**
 * The network runtime of jrtc: real UDP sockets, TCP/TLS connections to TURN servers, host name
 * lookups of STUN/TURN servers, I/O threads and timers that drive the sans-IO ICE agent of
 * jrtc-ice. Internal, not API: the types are public only because
 * {@code dev.jrtc} (another package) wires them into {@code RTCPeerConnection}; they may change
 * in any release.
 *
 * <p>Entry points: {@link dev.jrtc.internal.net.IceTransportDriver} (one ICE agent on sockets),
 * {@link dev.jrtc.internal.net.NetworkSettings} (which addresses and ports),
 * {@link dev.jrtc.internal.net.UdpMux} (one shared port for many connections),
 * {@link dev.jrtc.internal.net.TurnServer} (a {@code turn:}/{@code turns:} server: UDP, TCP or
 * TLS, by address or name) and {@link dev.jrtc.internal.net.IoThreads} (the JVM's shared I/O
 * and timer threads; the selector threads also run the TURN TCP/TLS connections).
 *
 * <p>Threads: I/O threads read sockets and the timer thread fires; both only enqueue tasks on
 * the owning connection's serial executor, where every protocol core runs. No lock is held
 * during I/O or a callback; the shared routing tables ({@link dev.jrtc.internal.net.UdpMux})
 * are concurrent maps.
 */
package dev.jrtc.internal.net;
