package dev.jrtc;

/**
 * A DOM event listener or event handler.
 *
 * @param <E> the event type it receives
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

  /** Called with the event, on the connection's event executor. */
  void handleEvent(E event);
}
