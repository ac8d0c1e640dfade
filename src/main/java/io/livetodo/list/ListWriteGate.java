package io.livetodo.list;

import io.livetodo.common.CurrentUser;
import io.livetodo.common.ReactivePool;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.PathParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import org.jboss.resteasy.reactive.RestPath;

/**
 * At most {@link ListGates#RUNNING} writes of one list run at once on this instance (SPEC §6a); the
 * others wait here, in memory, before they take a database connection. A write of a list waits
 * for the list's row lock in PostgreSQL holding a connection of the pool: without this gate,
 * writers piled up on one busy list (behind a bulk change, or a flood) would hold the whole pool,
 * and every other list's requests would stall behind them.
 *
 * <p>It wraps every method marked {@link WritesList}, outside the Idempotency-Key interceptor, so
 * a write waits its turn before its transaction begins: the method's answer is a {@link Uni},
 * whose work starts only when it is subscribed to, here once the write may run.
 */
@WritesList
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 1)
public class ListWriteGate {

    private static final String LIST_OF_TODO = "select list_id from todo where id = $1";

    private final ListGates gates;
    private final SqlClient reads;
    private final SecurityIdentity identity;

    ListWriteGate(ListGates gates, ReactivePool pools, SecurityIdentity identity) {
        this.gates = gates;
        this.reads = pools.pipelined();
        this.identity = identity;
    }

    @AroundInvoke
    Object gate(InvocationContext call) throws Exception {
        WritesList writes = call.getMethod().getAnnotation(WritesList.class);
        @SuppressWarnings("unchecked")
        Uni<Object> work = (Uni<Object>) call.proceed();
        Context context = Vertx.currentContext();
        return listOf(writes, call).chain(listId -> listId == null ? work : gates.through(listId, work, context));
    }

    /** The list the call writes, or null when it names none that exists (the write itself then answers 404). */
    private Uni<Long> listOf(WritesList writes, InvocationContext call) {
        if (!writes.list().isEmpty()) {
            return Uni.createFrom().item(pathParameter(call, writes.list()));
        }
        if (!writes.todo().isEmpty()) {
            Long todo = pathParameter(call, writes.todo());
            return todo == null
                    ? Uni.createFrom().nullItem()
                    : reads.preparedQuery(LIST_OF_TODO)
                            .execute(Tuple.of(todo))
                            .map(rows -> rows.size() == 0
                                    ? null
                                    : rows.iterator().next().getLong(0));
        }
        return Uni.createFrom().item(CurrentUser.of(identity).personalListId());
    }

    private static Long pathParameter(InvocationContext call, String name) {
        Method method = call.getMethod();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            for (Annotation annotation : parameters[i].getAnnotations()) {
                String named = annotation instanceof PathParam path
                        ? path.value()
                        : annotation instanceof RestPath path
                                ? (path.value().isEmpty() ? parameters[i].getName() : path.value())
                                : null;
                if (name.equals(named) && call.getParameters()[i] instanceof Number id) {
                    return id.longValue();
                }
            }
        }
        return null;
    }
}
