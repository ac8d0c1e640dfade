package io.livetodo.common;

import java.net.ConnectException;

import io.vertx.pgclient.PgException;

/** Recognises database failures by their cause, however deeply Hibernate wraps them. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** A value the database cannot store, such as text with a NUL character. */
    public static boolean isDataException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && String.valueOf(pg.getSqlState()).startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** True when the database could not be reached or dropped the connection. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).contains("onnection")
                    || t instanceof PgException pg && String.valueOf(pg.getSqlState()).startsWith("57P")) {
                return true;
            }
        }
        return false;
    }
}
