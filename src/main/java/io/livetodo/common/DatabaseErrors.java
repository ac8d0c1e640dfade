package io.livetodo.common;

import java.net.ConnectException;
import java.util.List;
import java.util.function.Predicate;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/** Recognises database failures by their cause, however deeply Hibernate wraps them. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

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

    /** True when the database could not be reached or dropped the connection. */
    public static boolean isUnavailable(Throwable failure) {
        return anyCause(failure, t -> t instanceof ConnectException
                || t instanceof VertxException && String.valueOf(t.getMessage()).contains("onnection")
                || sqlState(t).startsWith("57P"));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        return t instanceof PgException pg && pg.getSqlState() != null ? pg.getSqlState() : "";
    }
}
