package dev.jrtc;

/**
 * A DOM {@code Event}: its type, the target it was dispatched to and its time stamp. Typed
 * WebRTC events extend it. Events are created by the connection and dispatched on its event
 * executor (ARCHITECTURE.md, "Runtime and threads").
 */
public class Event {

  private final String type;
  private volatile EventTarget target;
  private volatile double timeStamp;

  /** Creates an event of the given type ({@code "signalingstatechange"}, ...). */
  public Event(String type) {
    if (type == null) {
      throw new TypeException("event type is required");
    }
    this.type = type;
  }

  /** The event type. */
  public String type() {
    return type;
  }

  /** The object the event was dispatched to, or null before dispatch. */
  public EventTarget target() {
    return target;
  }

  /** The same as {@link #target()}: listeners run on the target itself (no DOM tree here). */
  public EventTarget currentTarget() {
    return target;
  }

  /** When the event was dispatched, in milliseconds of the connection's clock (wall time). */
  public double timeStamp() {
    return timeStamp;
  }

  void dispatched(EventTarget target, double timeStamp) {
    this.target = target;
    this.timeStamp = timeStamp;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + type + "]";
  }
}
