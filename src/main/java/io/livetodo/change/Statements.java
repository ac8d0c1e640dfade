package io.livetodo.change;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement, written once with named parameters ({@code :name}), run where the request's
 * writes run: on its own on the raw pool, the fast path a hot write takes; or, when the request
 * runs in a {@link ChangeLog#transaction} (a write sent with an Idempotency-Key), in that
 * transaction, to commit with it. Write casts as {@code cast(x as t)}: {@code ::} and braces
 * mean something else to one of the two.
 */
@ApplicationScoped
public class Statements {

    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z_]+)");

    /** A statement as the pool takes it: {@code $n} for each name, in the order of first use. */
    private record Positional(String sql, List<String> names) {}

    private final ChangeLog changes;
    private final Pool pool;
    private final Map<String, Positional> positional = new ConcurrentHashMap<>();

    Statements(ChangeLog changes, Pool pool) {
        this.changes = changes;
        this.pool = pool;
    }

    /** Runs the statement; emits its rows, each as its columns' values. */
    public Uni<List<Object[]>> run(String sql, Map<String, Object> parameters) {
        return Uni.createFrom()
                .deferred(() -> changes.inTransaction() ? inTransaction(sql, parameters) : alone(sql, parameters));
    }

    /** Read as a query even when it changes rows: a native mutation would leave Hibernate clean-up work it warns about. */
    private static Uni<List<Object[]>> inTransaction(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private Uni<List<Object[]>> alone(String sql, Map<String, Object> parameters) {
        Positional statement = positional.computeIfAbsent(sql, Statements::positional);
        Tuple values = Tuple.tuple();
        for (String name : statement.names()) {
            Object value = parameters.get(name);
            // The pool's client takes a time with its offset.
            values.addValue(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
        return pool.preparedQuery(statement.sql()).execute(values).map(rows -> {
            List<Object[]> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Object[] columns = new Object[row.size()];
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = row.getValue(i);
                }
                result.add(columns);
            }
            return result;
        });
    }

    private static Positional positional(String sql) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(sql);
        StringBuilder numbered = new StringBuilder();
        while (parameter.find()) {
            int number = numbers.computeIfAbsent(parameter.group(1), name -> numbers.size() + 1);
            parameter.appendReplacement(numbered, "\\$" + number);
        }
        parameter.appendTail(numbered);
        return new Positional(numbered.toString(), List.copyOf(numbers.keySet()));
    }
}
