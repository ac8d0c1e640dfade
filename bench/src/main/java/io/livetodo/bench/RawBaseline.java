package io.livetodo.bench;

import java.util.Map;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The floor that {@code bench/http.sh} measures livetodo against: the thinnest JVM server over
 * livetodo's own {@code todo} rows. Plain Vert.x HTTP, one pipelined PostgreSQL connection per
 * event loop with its prepared statements cached, the same queries as livetodo's hot paths, and
 * nothing else: no authentication (the list is a query parameter), no membership check, no lock,
 * no change record.
 *
 * <pre>
 * GET  /todos/{id}               one todo
 * GET  /todos/?list=L            the first 1000 todos of list L, in list order
 * POST /todos/?list=L&amp;user=U   {"name": ..., "finished": ...}: one insert, 303 to the new todo
 * </pre>
 *
 * Arguments: {@code --port P --db postgresql://host:port/database --db-user U --db-password W}.
 */
public final class RawBaseline extends AbstractVerticle {

    private static final String COLUMNS = "id, list_id, name, finished, created_by, updated_by, created_at, updated_at, version,"
            + " position, due_date, due_time, due_zone, due_at, assignee, notes";
    private static final String ONE = "select " + COLUMNS + " from todo where id = $1";
    private static final String PAGE = "select " + COLUMNS + " from todo where list_id = $1 order by position, id limit 1001";
    private static final String INSERT = "insert into todo (list_id, name, finished, created_by, updated_by) values ($1, $2, $3, $4, $4)"
            + " returning " + COLUMNS;

    private final PgConnectOptions database;
    private PgConnection db;

    private RawBaseline(PgConnectOptions database) {
        this.database = database;
    }

    public static void main(String[] args) {
        Map<String, String> options = LiveLoad.parse(args);
        PgConnectOptions database = PgConnectOptions.fromUri(options.getOrDefault("db", "postgresql://127.0.0.1:5432/postgres"))
                .setUser(options.getOrDefault("db-user", "postgres"))
                .setPassword(options.getOrDefault("db-password", "postgres"))
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        int port = Integer.parseInt(options.getOrDefault("port", "18090"));
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new RawBaseline(database), new DeploymentOptions().setInstances(loops).setConfig(new JsonObject().put("port", port)))
                .onSuccess(id -> System.out.println("raw baseline listening on port " + port + " with " + loops + " event loops"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        PgConnection.connect(vertx, database)
                .compose(connection -> {
                    db = connection;
                    return vertx.createHttpServer().requestHandler(this::handle).listen(config().getInteger("port"));
                })
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/todos/") && request.method().name().equals("GET")) {
            db.preparedQuery(PAGE).execute(Tuple.of(Long.parseLong(request.getParam("list"))))
                    .onSuccess(rows -> {
                        JsonArray todos = new JsonArray();
                        rows.forEach(row -> todos.add(todo(row)));
                        json(request, 200, todos.toBuffer());
                    })
                    .onFailure(failure -> fail(request, failure));
        } else if (path.equals("/todos/") && request.method().name().equals("POST")) {
            request.body().onSuccess(body -> {
                JsonObject input = body.toJsonObject();
                db.preparedQuery(INSERT).execute(Tuple.of(Long.parseLong(request.getParam("list")), input.getString("name"),
                        input.getBoolean("finished", false), request.getParam("user")))
                        .onSuccess(rows -> {
                            JsonObject todo = todo(first(rows));
                            request.response().putHeader("Location", "/todos/" + todo.getLong("id"));
                            json(request, 303, todo.toBuffer());
                        })
                        .onFailure(failure -> fail(request, failure));
            });
        } else if (path.startsWith("/todos/")) {
            db.preparedQuery(ONE).execute(Tuple.of(Long.parseLong(path.substring("/todos/".length()))))
                    .onSuccess(rows -> {
                        if (rows.size() == 0) {
                            json(request, 404, new JsonObject().put("error", "Todo not found").toBuffer());
                        } else {
                            json(request, 200, todo(first(rows)).toBuffer());
                        }
                    })
                    .onFailure(failure -> fail(request, failure));
        } else {
            json(request, 404, new JsonObject().put("error", "Not found").toBuffer());
        }
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().next();
    }

    private static JsonObject todo(Row row) {
        return new JsonObject()
                .put("id", row.getLong(0))
                .put("list_id", row.getLong(1))
                .put("name", row.getString(2))
                .put("finished", row.getBoolean(3))
                .put("created_by", row.getString(4))
                .put("updated_by", row.getString(5))
                .put("created_at", row.getOffsetDateTime(6).toInstant().toString())
                .put("updated_at", row.getOffsetDateTime(7).toInstant().toString())
                .put("version", row.getLong(8))
                .put("position", row.getString(9))
                .put("due", due(row))
                .put("assignee", row.getString(14))
                .put("notes", row.getString(15));
    }

    /** As livetodo writes a todo's due: null, a day, or a moment with its instant. */
    private static JsonObject due(Row row) {
        if (row.getLocalDate(10) == null) {
            return null;
        }
        JsonObject due = new JsonObject().put("date", row.getLocalDate(10).toString());
        if (row.getLocalTime(11) != null) {
            due.put("time", row.getLocalTime(11).toString())
                    .put("time_zone", row.getString(12))
                    .put("at", row.getOffsetDateTime(13).toInstant().toString());
        }
        return due;
    }

    private static void json(HttpServerRequest request, int status, Buffer body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static void fail(HttpServerRequest request, Throwable failure) {
        json(request, 500, new JsonObject().put("error", String.valueOf(failure.getMessage())).toBuffer());
    }
}
