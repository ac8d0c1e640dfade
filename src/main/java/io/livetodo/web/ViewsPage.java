package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.todo.TodoViews;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pages across a user's lists: Today (with what is overdue), Upcoming, Assigned to me, and search. */
@Path("/")
@Tag(name = "Web pages")
@Produces(MediaType.TEXT_HTML)
public class ViewsPage {

    private final PageForms forms;
    private final TodoViews views;

    ViewsPage(PageForms forms, TodoViews views) {
        this.forms = forms;
        this.views = views;
    }

    @GET
    @Path("app/today")
    @Operation(summary = "What is overdue and due today, across my lists")
    public Uni<Response> today(@Context HttpServerRequest request) {
        return show(
                request,
                "today",
                user -> views.due(user, "overdue")
                        .chain(overdue -> views.due(user, "today")
                                .map(today -> List.of(
                                        new Pages.Section("Overdue", overdue), new Pages.Section("Today", today)))));
    }

    @GET
    @Path("app/upcoming")
    @Operation(summary = "What is due in the seven days after today, across my lists")
    public Uni<Response> upcoming(@Context HttpServerRequest request) {
        return show(
                request,
                "upcoming",
                user -> views.due(user, "upcoming").map(todos -> List.of(new Pages.Section("Upcoming", todos))));
    }

    @GET
    @Path("app/assigned")
    @Operation(summary = "What is assigned to me, across my lists")
    public Uni<Response> assigned(@Context HttpServerRequest request) {
        return show(
                request,
                "assigned",
                user -> views.assigned(user).map(todos -> List.of(new Pages.Section("Assigned to me", todos))));
    }

    @GET
    @Path("app/search")
    @Operation(summary = "Search my todos")
    public Uni<Response> search(@QueryParam("q") String q, @Context HttpServerRequest request) {
        if (q == null || q.isBlank()) {
            return show(request, "search", user -> Uni.createFrom().item(List.of()));
        }
        return show(
                request,
                "search",
                q,
                user -> views.search(user, q, 100)
                        .map(todos -> List.of(new Pages.Section("Found for “" + q.strip() + "”", todos))));
    }

    private Uni<Response> show(
            HttpServerRequest request, String view, Function<CurrentUser, Uni<List<Pages.Section>>> sections) {
        return show(request, view, "", sections);
    }

    private Uni<Response> show(
            HttpServerRequest request,
            String view,
            String query,
            Function<CurrentUser, Uni<List<Pages.Section>>> sections) {
        return forms.user(request).chain(user -> {
            if (user == null) {
                return Uni.createFrom().item(seeOther("/").build());
            }
            return sections.apply(user)
                    .map(found -> page(request, user, view, query, found, null, 200))
                    .onFailure(ApiException.class)
                    .recoverWithItem(refused -> page(
                            request,
                            user,
                            view,
                            query,
                            List.of(),
                            PageForms.sentence((ApiException) refused),
                            ((ApiException) refused).status()));
        });
    }

    private static Response page(
            HttpServerRequest request,
            CurrentUser user,
            String view,
            String query,
            List<Pages.Section> sections,
            String error,
            int status) {
        return Pages.html(
                        status,
                        Pages.views(new Pages.Views(
                                user.username(), Csrf.forSession(request), view, query, sections, error)))
                .build();
    }
}
