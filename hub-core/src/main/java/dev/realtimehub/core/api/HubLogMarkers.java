package dev.realtimehub.core.api;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The SLF4J markers the hub puts on its own log lines, for appenders that route lines by what they are about. */
public final class HubLogMarkers {

    /**
     * A line about the path events take to a socket or back out of history (a failed history read, a broker outage)
     * logged outside the packages of that path. The hub never publishes such a line on its {@code logs} topic: it would
     * travel the path it reports on, and a failure to read history would feed itself.
     */
    public static final Marker DELIVERY_PATH = MarkerFactory.getMarker("HUB_DELIVERY_PATH");

    private HubLogMarkers() {
    }
}
