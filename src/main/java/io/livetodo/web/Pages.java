package io.livetodo.web;

import io.livetodo.account.SessionView;
import io.livetodo.account.TokenView;
import io.livetodo.list.InviteView;
import io.livetodo.list.ListView;
import io.livetodo.list.MemberView;
import io.livetodo.list.Role;
import io.livetodo.todo.Due;
import io.livetodo.todo.ListedTodo;
import io.livetodo.todo.TodoView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The pages (templates/pages/) and what each one shows. Qute escapes every value written into them. */
@CheckedTemplate(basePath = "pages")
@TemplateData(target = ListView.class)
@TemplateData(target = TodoView.class)
@TemplateData(target = ListedTodo.class)
@TemplateData(target = Due.class)
@TemplateData(target = MemberView.class)
@TemplateData(target = Role.class)
final class Pages {

    private Pages() {}

    static native TemplateInstance welcome(Welcome page);

    static native TemplateInstance invite(Invite page);

    static native TemplateInstance account(Account page);

    static native TemplateInstance lists(Lists page);

    static native TemplateInstance list(OneList page);

    static native TemplateInstance views(Views page);

    /** A page as the answer, never cached: it shows one user's data and carries their form token. */
    static Response.ResponseBuilder html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(page);
    }

    /** A log-in or registration form as last submitted: the username is kept, the password never. */
    record Form(String username, String error, String usernameError, String passwordError) {

        static final Form EMPTY = new Form("", null, null, null);
    }

    record Welcome(String csrf, Form login, Form register, String then, String joining) {}

    record Invite(String user, String csrf, String token, String listName, String error) {}

    record Account(
            String user,
            String csrf,
            String timeZone,
            List<String> zones,
            List<SessionView> sessions,
            List<TokenView> tokens,
            String newToken,
            String error) {}

    /** A page across the user's lists ({@code view}: today, upcoming, assigned or search), in sections. */
    record Views(String user, String csrf, String view, String query, List<Section> sections, String error) {}

    record Section(String heading, List<ListedTodo> todos) {}

    record Lists(String user, String csrf, List<ListView> lists, String error, String newName) {}

    record OneList(
            String user,
            String csrf,
            ListView list,
            List<TodoView> todos,
            boolean more,
            List<MemberView> members,
            String timeZone,
            List<InviteView> invites,
            String created,
            String error,
            String show) {

        /** The filters a list's page offers, kept in its URL as {@code ?show=}; a style hides the other todos. */
        static final List<String> FILTERS = List.of("all", "active", "completed");

        static String filter(String requested) {
            return requested != null && FILTERS.contains(requested) ? requested : "all";
        }

        /** "n items left", as TodoMVC says it: the todos not finished yet. */
        public String left() {
            long left = todos.stream().filter(todo -> !todo.finished()).count();
            return left + (left == 1 ? " item left" : " items left");
        }

        public boolean owner() {
            return list.role() == Role.OWNER;
        }

        /** A viewer's page shows the list without a form to change its todos. */
        public boolean canEdit() {
            return list.role() != Role.VIEWER;
        }

        /** Whom the list's todos may be assigned to. */
        public List<MemberView> editors() {
            return members.stream()
                    .filter(member -> member.role() != Role.VIEWER)
                    .toList();
        }

        /** The row the page script copies for a todo that arrives over the live connection. */
        public TodoView blank() {
            return new TodoView(0, list.id(), "", false, "", "", null, null, 0, "", null, null, "");
        }

        public MemberView blankMember() {
            return new MemberView("", Role.MEMBER);
        }
    }
}
