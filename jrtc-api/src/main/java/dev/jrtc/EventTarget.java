package dev.jrtc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DOM {@code EventTarget} (https://dom.spec.whatwg.org/#interface-eventtarget): listeners per
 * event type, run in registration order. An {@code onfoobar} event handler attribute takes the
 * place in that order where it was first set to a non-null value (HTML "event handlers"), keeps
 * it when replaced and leaves it when set to null. A listener that throws is logged and does not
 * stop the other listeners, as in the DOM. Safe to use from any thread.
 */
public abstract class EventTarget {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  /** One entry of a type's listener list: a listener, or the slot of an event handler attribute. */
  private static final class Entry {
    final boolean handlerSlot;
    volatile EventListener<? extends Event> listener;

    Entry(boolean handlerSlot, EventListener<? extends Event> listener) {
      this.handlerSlot = handlerSlot;
      this.listener = listener;
    }
  }

  private final Map<String, List<Entry>> listeners = new ConcurrentHashMap<>();

  /** Subclasses only. */
  protected EventTarget() {}

  /** Adds a listener for {@code type}; adding the same listener twice has no effect (DOM). */
  public void addEventListener(String type, EventListener<? extends Event> listener) {
    if (listener == null) {
      return;
    }
    List<Entry> list = listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
    synchronized (list) {
      for (Entry e : list) {
        if (!e.handlerSlot && e.listener == listener) {
          return;
        }
      }
      list.add(new Entry(false, listener));
    }
  }

  /** Removes a listener added with {@link #addEventListener}. */
  public void removeEventListener(String type, EventListener<? extends Event> listener) {
    List<Entry> list = listeners.get(type);
    if (list == null || listener == null) {
      return;
    }
    synchronized (list) {
      list.removeIf(e -> !e.handlerSlot && e.listener == listener);
    }
  }

  /** Sets the event handler attribute for {@code type}; null removes it. */
  protected final void setEventHandler(String type, EventListener<? extends Event> handler) {
    List<Entry> list = listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
    synchronized (list) {
      for (Entry e : list) {
        if (e.handlerSlot) {
          if (handler == null) {
            list.remove(e);
          } else {
            e.listener = handler;
          }
          return;
        }
      }
      if (handler != null) {
        list.add(new Entry(true, handler));
      }
    }
  }

  /** The event handler attribute for {@code type}, or null. */
  @SuppressWarnings("unchecked")
  protected final <E extends Event> EventListener<E> eventHandler(String type) {
    List<Entry> list = listeners.get(type);
    if (list != null) {
      for (Entry e : list) {
        if (e.handlerSlot) {
          return (EventListener<E>) e.listener;
        }
      }
    }
    return null;
  }

  /**
   * Dispatches {@code event} to this target's listeners synchronously on the calling thread,
   * which the library keeps to be the event executor. Returns true (events here are not cancelable).
   */
  public boolean dispatchEvent(Event event) {
    event.dispatched(this, eventTimeStamp());
    List<Entry> list = listeners.get(event.type());
    if (list == null) {
      return true;
    }
    for (Entry e : list) {
      @SuppressWarnings("unchecked")
      EventListener<Event> l = (EventListener<Event>) e.listener;
      if (l == null) {
        continue;
      }
      try {
        l.handleEvent(event);
      } catch (RuntimeException ex) {
        // DOM "report the exception": the other listeners still run.
        LOG.warn("{}: listener for {} threw", this, event.type(), ex);
      }
    }
    return true;
  }

  /** The time stamp given to events dispatched here. */
  double eventTimeStamp() {
    return 0;
  }
}
