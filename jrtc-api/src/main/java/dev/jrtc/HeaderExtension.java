package dev.jrtc;

/**
 * One negotiated RTP header extension ({@code a=extmap}, RFC 8285 §8).
 *
 * @param id the local identifier 1..255
 * @param uri the extension URI
 */
record HeaderExtension(int id, String uri) {}
