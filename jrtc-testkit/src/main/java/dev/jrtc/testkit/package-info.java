/**
 * Deterministic testing for WebRTC code: a virtual clock ({@link dev.jrtc.testkit.SimClock}), a
 * single-threaded virtual-time scheduler ({@link dev.jrtc.testkit.DeterministicScheduler}), and an
 * in-process network ({@link dev.jrtc.testkit.SimNet}) with RFC 4787 NATs, lossy links, a pcap
 * recorder and in-process STUN and TURN servers.
 *
 * <p>Everything runs on the calling thread; nothing sleeps or reads the real clock. One seed feeds
 * every random choice, so the same seed gives the same packet trace.
 */
package dev.jrtc.testkit;
