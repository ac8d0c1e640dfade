package io.livetodo.web;

import io.livetodo.common.CurrentUser;
import io.livetodo.list.ListService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** The page of a user's lists: the front page once logged in, and where a list's page goes when the list is gone. */
@ApplicationScoped
class ListsPage {

    private final ListService lists;

    ListsPage(ListService lists) {
        this.lists = lists;
    }

    Uni<Response> render(HttpServerRequest request, CurrentUser user, String error, String newName, int status) {
        return lists.listsOf(user)
                .map(all -> Pages.html(
                                status,
                                Pages.lists(new Pages.Lists(
                                        user.username(), Csrf.forSession(request), all, error, newName)))
                        .build());
    }
}
