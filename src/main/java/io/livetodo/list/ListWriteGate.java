package io.livetodo.list;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.livetodo.account.CurrentUser;
import io.livetodo.common.ApiException;
import io.livetodo.common.ReactivePool;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * At most {@link #RUNNING} writes of one list run at once on this instance (SPEC §6a); the
 * others wait here, in memory, before they take a database connection. A write of a list waits
 * for the list's row lock in PostgreSQL holding a connection of the pool: without this gate,
 * writers piled up on one busy list (behind a bulk change, or a flood) would hold the whole pool,
 * and every other list's requests would stall behind them. The list is found from the method's
 * {@link WritesList}; a write waits its turn before its Idempotency-Key transaction begins too.
 */
@ApplicationScoped
public class ListWriteGate {

    /** One holding the list's lock, one waiting for it: the list never waits on this gate alone. */
    static final int RUNNING = 2;
    /** Per list; beyond them a write is refused at once (503). */
    static final int MOST_WAITING = 256;
    private static final String LIST_OF_TODO = "select list_id from todo where id = $1";

    private static final class Gate {
        int running;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }

    private final Map<Long, Gate> gates = new HashMap<>();
    private final SqlClient reads;
    private final CurrentIdentityAssociation identity;

    ListWriteGate(ReactivePool pools, CurrentIdentityAssociation identity) {
        this.reads = pools.pipelined();
        this.identity = identity;
    }

    @WritesList
    @ServerRequestFilter
    Uni<Void> enter(ResourceInfo resource, UriInfo uri, RoutingContext routing) {
        WritesList writes = resource.getResourceMethod().getAnnotation(WritesList.class);
        return listOf(writes, uri).chain(listId -> {
            if (listId == null) {
                return Uni.createFrom().voidItem();
            }
            Context context = Vertx.currentContext();
            return Uni.createFrom().<Void>emitter(entered -> {
                if (!admit(listId, () -> context.runOnContext(ignored -> entered.complete(null)))) {
                    entered.fail(ApiException.unavailable("This list is busy; try again shortly.", 1));
                    return;
                }
                routing.addEndHandler(ended -> leave(listId));
            });
        });
    }

    /** The list the request writes, or null when it names none that exists (the write itself then answers 404). */
    private Uni<Long> listOf(WritesList writes, UriInfo uri) {
        if (!writes.list().isEmpty()) {
            return Uni.createFrom().item(id(uri, writes.list()));
        }
        if (!writes.todo().isEmpty()) {
            Long todo = id(uri, writes.todo());
            return todo == null ? Uni.createFrom().nullItem()
                    : reads.preparedQuery(LIST_OF_TODO).execute(Tuple.of(todo))
                            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
        }
        return identity.getDeferredIdentity().map(caller -> caller.isAnonymous() ? null : CurrentUser.of(caller).personalListId());
    }

    private static Long id(UriInfo uri, String parameter) {
        List<String> values = uri.getPathParameters().get(parameter);
        try {
            return values == null || values.isEmpty() ? null : Long.valueOf(values.get(0));
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }

    /** Runs {@code enter} now or once a place frees up; false when too many wait already. */
    private boolean admit(long listId, Runnable enter) {
        synchronized (gates) {
            Gate gate = gates.computeIfAbsent(listId, k -> new Gate());
            if (gate.running >= RUNNING) {
                if (gate.waiting.size() >= MOST_WAITING) {
                    return false;
                }
                gate.waiting.add(enter);
                return true;
            }
            gate.running++;
        }
        enter.run();
        return true;
    }

    private void leave(long listId) {
        Runnable next;
        synchronized (gates) {
            Gate gate = gates.get(listId);
            next = gate.waiting.poll();
            if (next == null && --gate.running == 0) {
                gates.remove(listId);
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
