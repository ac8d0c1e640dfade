package io.livetodo.todo;

import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.ReactivePool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Views across the user's lists (SPEC §8): what is due, what is assigned to them, and search.
 * Each is one statement, over the lists the user belongs to only, served by an index
 * ({@code todo_due}, {@code todo_assignee}, {@code todo_search}; ViewsTest checks the plans).
 *
 * <p>A todo's day is its due date, or for a moment the day it falls on in the user's time zone.
 * Overdue is before today, upcoming the seven days after it; they are ordered by that day, then
 * the days before the moments of a day, the moments by time, then by list and list order.
 */
@ApplicationScoped
public class TodoViews {

    /** The most rows a view answers with. */
    static final int MOST = 1000;

    static final Set<String> RANGES = Set.of("overdue", "today", "upcoming");

    /** A moment's day in the user's zone, or a day's date. */
    private static final String DAY = "coalesce((t.due_at at time zone r.zone)::date, t.due_date)";

    static final String DUE = "with r as (select case $2 when 'overdue' then date '0001-01-01'"
            + " when 'today' then today else today + 1 end as first,"
            + " case $2 when 'overdue' then today - 1 when 'today' then today else today + 7 end as last, zone"
            + " from (select (now() at time zone time_zone)::date as today, time_zone as zone from app_user where id = $1) me)"
            + " select " + TodoQueries.COLUMNS + ", l.name"
            + " from r, membership m join todo t on t.list_id = m.list_id join todo_list l on l.id = m.list_id"
            // The index's range, a day wider on each side than a zone can move a moment, then the exact days.
            + " where m.user_id = $1 and not t.finished and t.due_date between r.first - 1 and r.last + 1"
            + " and " + DAY + " between r.first and r.last"
            + " order by " + DAY + ", (t.due_at at time zone r.zone)::time nulls first, l.id, t.position, t.id"
            + " limit " + MOST;

    static final String ASSIGNED = "with r as (select time_zone as zone from app_user where id = $1)"
            + " select " + TodoQueries.COLUMNS + ", l.name"
            + " from r, todo t join membership m on m.list_id = t.list_id join todo_list l on l.id = t.list_id"
            + " where t.assignee = (select username from app_user where id = $1) and not t.finished and m.user_id = $1"
            + " order by " + DAY
            + " nulls last, (t.due_at at time zone r.zone)::time nulls first, l.id, t.position, t.id"
            + " limit " + MOST;

    static final String SEARCH = "select " + TodoQueries.COLUMNS + ", l.name"
            + " from membership m join todo t on t.list_id = m.list_id join todo_list l on l.id = m.list_id"
            + " where m.user_id = $1 and t.search @@ to_tsquery('simple', $2)"
            + " order by ts_rank(t.search, to_tsquery('simple', $2)) desc, l.id, t.position, t.id limit $3";

    static final int MOST_QUERY = 200;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final SqlClient reads;

    TodoViews(ReactivePool pools) {
        this.reads = pools.pipelined();
    }

    /** The user's unfinished todos due in the range: overdue, today or upcoming. */
    public Uni<List<ListedTodo>> due(CurrentUser user, String range) {
        if (range == null || !RANGES.contains(range)) {
            return Uni.createFrom().failure(ApiException.invalid("range", "is overdue, today or upcoming"));
        }
        return reads.preparedQuery(DUE).execute(Tuple.of(user.id(), range)).map(TodoViews::listed);
    }

    /** The user's unfinished todos assigned to them, by due day (none last), then list order. */
    public Uni<List<ListedTodo>> assigned(CurrentUser user) {
        return reads.preparedQuery(ASSIGNED).execute(Tuple.of(user.id())).map(TodoViews::listed);
    }

    /**
     * Todos of the user's lists whose name or notes have every word of the query, the last also as
     * the start of a word, best first; finished ones too.
     */
    public Uni<List<ListedTodo>> search(CurrentUser user, String query, int limit) {
        if (query == null || query.isBlank() || query.length() > MOST_QUERY) {
            return Uni.createFrom().failure(ApiException.invalid("q", "is one to " + MOST_QUERY + " characters"));
        }
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(query);
        while (word.find()) {
            words.add(word.group());
        }
        if (words.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid("q", "needs a word: letters or digits"));
        }
        // Words of letters and digits only: nothing in them is the query syntax's.
        String tsquery = String.join(" & ", words) + ":*";
        return reads.preparedQuery(SEARCH)
                .execute(Tuple.of(user.id(), tsquery, limit))
                .map(TodoViews::listed);
    }

    private static List<ListedTodo> listed(RowSet<Row> rows) {
        List<ListedTodo> listed = new ArrayList<>(rows.size());
        for (Row row : rows) {
            listed.add(new ListedTodo(TodoQueries.view(row), row.getString(16)));
        }
        return listed;
    }
}
