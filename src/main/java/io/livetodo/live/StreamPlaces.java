package io.livetodo.live;

import io.smallrye.mutiny.Uni;

/**
 * Where ended event streams' places are kept ({@link StreamPlace#ended}), so that a browser that
 * reconnects with the last id it received resumes from there, on this instance or another.
 * {@link StreamPlaceTable} keeps them in PostgreSQL; the delivery simulation, in memory.
 */
interface StreamPlaces {

    /** Keeps the place of a stream of the user's that ended. */
    void keep(long userId, String token, byte[] place);

    /** The place kept for the user's stream with that token, or null (none, or no longer kept). */
    Uni<byte[]> find(long userId, String token);
}
