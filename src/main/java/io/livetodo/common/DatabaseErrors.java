package io.livetodo.common;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;

/** Recognises database failures by their cause, however deeply Hibernate wraps them. */
public final class DatabaseErrors {

    /**
     * What the reactive client and Hibernate Reactive say, without a type of their own, when the
     * connection went away: pending or later commands on a closed connection, a pool that waited
     * in vain for one, and Hibernate Reactive's HR000089 and HR000090.
     */
    // A query written to a connection the server has just dropped fails in the socket itself
    // ("Broken pipe", "Connection reset by peer"), before the client marks the connection closed.
    private static final Pattern CONNECTION_GONE = Pattern.compile(
            "Connection is not active|Pending requests failed|connection has been closed|^Timeout$|HR000089|HR000090"
                    + "|^Broken pipe$|^Connection reset by peer$");

    private DatabaseErrors() {}

    public static boolean isUniqueViolation(Throwable failure) {
        return anyCause(failure, t -> sqlState(t).equals("23505"));
    }

    /** A value the database cannot store, such as text with a NUL character. */
    public static boolean isDataException(Throwable failure) {
        return anyCause(failure, t -> sqlState(t).startsWith("22"));
    }

    /**
     * The client's mistake behind a database failure, as the API answers it: a duplicate (409)
     * or a value that cannot be stored (422); null when the failure is not the client's.
     */
    public static ApiException refusal(Throwable failure) {
        if (isUniqueViolation(failure)) {
            return ApiException.conflict("That already exists.");
        }
        if (isDataException(failure)) {
            return new ApiException(422, "The request holds a value that cannot be stored.", List.of());
        }
        return null;
    }

    /**
     * True when the database could not be reached or dropped the connection, however that shows:
     * a refused or timed-out connect, a connection closed under a query or transaction (by the
     * network, or by the server shutting down: SQL states 08xxx and 57Pxx), or Hibernate
     * Reactive finding its connection gone when it tries to finish.
     */
    public static boolean isUnavailable(Throwable failure) {
        return anyCause(
                failure,
                t -> t instanceof ConnectException
                        || t instanceof ConnectTimeoutException
                        || t instanceof ClosedConnectionException
                        || t instanceof JDBCConnectionException
                        || t instanceof VertxException
                                && String.valueOf(t.getMessage()).contains("onnection")
                        || sqlState(t).startsWith("08")
                        || sqlState(t).startsWith("57P")
                        || CONNECTION_GONE
                                .matcher(String.valueOf(t.getMessage()))
                                .find());
    }

    /** The first line of what went wrong at the bottom of a failure, for a log line. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (true) {
            if (root instanceof CompositeException composite
                    && !composite.getCauses().isEmpty()) {
                root = composite.getCauses().get(0);
            } else if (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            } else {
                break;
            }
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
            if (t instanceof CompositeException composite) {
                pending.addAll(composite.getCauses());
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        String state = null;
        if (t instanceof PgException pg) {
            state = pg.getSqlState();
        } else if (t instanceof SQLException sql) {
            state = sql.getSQLState();
        } else if (t instanceof JDBCException jdbc) {
            state = jdbc.getSQLState();
        }
        return state == null ? "" : state;
    }
}
