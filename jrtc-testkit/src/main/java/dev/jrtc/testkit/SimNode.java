package dev.jrtc.testkit;

/** A node of a {@link SimNet}: a router or a host. Adjacent nodes are joined by a {@link SimLink}. */
public sealed interface SimNode permits SimRouter, SimHost {
  /** The node's name, unique in its network. */
  String name();
}
