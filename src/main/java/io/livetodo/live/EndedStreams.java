package io.livetodo.live;

import io.smallrye.mutiny.Uni;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Where the event streams that ended stood, for their browsers to resume from: here for a
 * minute, as a browser reconnects within a second or two, often to the same instance, and
 * through {@link StreamPlaces} (PostgreSQL) longer, for every instance. Confined to the hub's loop.
 */
final class EndedStreams {

    /** How long an ended stream's place is kept here. */
    static final long KEPT_MILLIS = 60_000;

    private record Ended(long userId, byte[] place, long endedAtMillis) {}

    private final HubLoop loop;
    private final StreamPlaces places;
    /** By token, oldest first. */
    private final LinkedHashMap<String, Ended> ended = new LinkedHashMap<>();

    EndedStreams(HubLoop loop, StreamPlaces places) {
        this.loop = loop;
        this.places = places;
    }

    /** An event stream is being taken out: its place is kept (none for a stream that sent no event). */
    void ended(Follower stream) {
        if (stream.streamPlace.events() == 0) {
            return;
        }
        byte[] place = stream.streamPlace.ended(stream.place());
        ended.put(stream.streamPlace.token, new Ended(stream.user.id(), place, loop.nowMillis()));
        places.keep(stream.user.id(), stream.streamPlace.token, place);
    }

    /** Where the user's stream of that token stood after the event, if it ended here lately; else null. */
    StreamPlace.Resolved here(long userId, String token, long event) {
        Ended here = ended.get(token);
        return here != null && here.userId() == userId ? StreamPlace.at(event, token, here.place()) : null;
    }

    /** The same, from what any instance kept; null when no such stream is known. Answers off the loop. */
    Uni<StreamPlace.Resolved> kept(long userId, String token, long event) {
        return places.find(userId, token).map(place -> place == null ? null : StreamPlace.at(event, token, place));
    }

    /** Forgets the places kept here longer than {@link #KEPT_MILLIS}. */
    void forgetOld(long now) {
        Iterator<Ended> oldestFirst = ended.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().endedAtMillis() < now - KEPT_MILLIS) {
            oldestFirst.remove();
        }
    }
}
