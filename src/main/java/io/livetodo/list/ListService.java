package io.livetodo.list;

import io.livetodo.account.NewUserSetup;
import io.livetodo.account.User;
import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lists: creating, reading, renaming and deleting them. Their members are {@link MemberService}'s,
 * and who may do what with them {@link ListAccess}'s.
 */
@ApplicationScoped
public class ListService implements NewUserSetup {

    private static final String VIEWS = """
            select new io.livetodo.list.ListService$ListRow(l.id, l.name, u.username, m.role, l.version, l.createdAt)
              from TodoList l join Membership m on m.listId = l.id join User u on u.id = l.ownerId
             where m.userId = :user
            """;

    @RegisterForReflection
    record ListRow(Long id, String name, String owner, String role, Long version, Instant createdAt) {
        ListView view() {
            return new ListView(id, name, owner, Role.of(role), version, createdAt);
        }
    }

    private final ChangeLog changes;
    private final ListAccess access;
    private final MemberService members;
    private final LivetodoConfig.Quota quota;

    ListService(ChangeLog changes, ListAccess access, MemberService members, LivetodoConfig config) {
        this.changes = changes;
        this.access = access;
        this.members = members;
        this.quota = config.quota();
    }

    @WithSession
    public Uni<List<ListView>> listsOf(CurrentUser user) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(VIEWS + " order by l.id", ListRow.class)
                        .setParameter("user", user.id())
                        .getResultList())
                .map(rows -> rows.stream().map(ListRow::view).toList());
    }

    @WithSession
    public Uni<ListView> get(CurrentUser user, long listId) {
        return view(user.id(), listId).onItem().ifNull().failWith(ListAccess::listNotFound);
    }

    /** Creates the personal list of a new user, in the caller's {@code ChangeLog.transaction}. */
    @Override
    public Uni<Void> setUp(User owner) {
        return create(owner.id, owner.username, TodoList.PERSONAL_NAME, true).replaceWithVoid();
    }

    /** Creates a list owned by the user, unless they own as many as anyone may. */
    public Uni<ListView> create(CurrentUser user, String name) {
        return changes.transaction(() -> failIfOwningTooMany(user.id(), "You own")
                .chain(() -> create(user.id(), user.username(), name, false))
                .chain(list -> view(user.id(), list.id)));
    }

    /**
     * Creates lists owned by the user, with the names given, in that order; all of them, or none
     * when the user would then own more than anyone may (409). Emits their ids.
     */
    public Uni<List<Long>> createAll(CurrentUser user, List<String> names) {
        return changes.transaction(() -> lockOwner(user.id())
                .invoke(owned -> {
                    if (owned + names.size() > quota.listsPerUser()) {
                        throw ApiException.conflict(
                                "Creating " + names.size() + " lists would make you own more than the "
                                        + quota.listsPerUser() + " one person may (you own " + owned + ").");
                    }
                })
                .chain(() -> Multi.createFrom()
                        .iterable(names)
                        .onItem()
                        .transformToUniAndConcatenate(name -> create(user.id(), user.username(), name, false))
                        .map(list -> list.id)
                        .collect()
                        .asList()));
    }

    Uni<Void> failIfOwningTooMany(long userId, String whoOwns) {
        return lockOwner(userId)
                .invoke(owned -> {
                    if (owned >= quota.listsPerUser()) {
                        throw ApiException.conflict(
                                whoOwns + " " + owned + " lists, the most one person may; delete one first.");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Counts the lists the user owns, after locking the user's row: creations by one user wait
     * for each other, and each counts in a statement of its own, which sees the ones before it.
     */
    private static Uni<Long> lockOwner(long userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from app_user where id = :user for no key update", Long.class)
                        .setParameter("user", userId)
                        .getSingleResult()
                        .chain(() -> TodoList.count("ownerId", userId)));
    }

    public Uni<ListView> rename(CurrentUser user, long listId, String name) {
        return changes.transaction(() -> access.lockAsOwner(user, listId)
                .chain(() -> TodoList.<TodoList>findById(listId))
                .invoke(list -> list.name = name)
                .chain(list -> changes.record(
                        listId, ChangeType.LIST_UPDATED, Map.of("id", listId, "name", name), user.username()))
                .chain(() -> view(user.id(), listId)));
    }

    public Uni<Void> delete(CurrentUser user, long listId) {
        return changes.transaction(() -> access.lockAsOwner(user, listId)
                .chain(() -> TodoList.<TodoList>findById(listId))
                .invoke(list -> {
                    if (list.personal) {
                        throw ApiException.conflict("A personal list cannot be deleted.");
                    }
                })
                .call(list -> changes.record(listId, ChangeType.LIST_DELETED, Map.of("id", listId), user.username()))
                // The database deletes its todos and memberships with it.
                .call(TodoList::delete)
                .replaceWithVoid());
    }

    /**
     * A new list's first change is its owner joining it: the owner's open live connections learn
     * of the list from it, as any member's do when they are added.
     */
    private Uni<TodoList> create(long ownerId, String ownerName, String name, boolean personal) {
        TodoList list = new TodoList();
        list.name = name;
        list.ownerId = ownerId;
        list.personal = personal;
        return list.<TodoList>persist()
                .call(saved -> members.join(saved.id, ownerId, ownerName, Role.OWNER, ownerName));
    }

    private Uni<ListView> view(long userId, long listId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(VIEWS + " and l.id = :list", ListRow.class)
                        .setParameter("user", userId)
                        .setParameter("list", listId)
                        .getSingleResultOrNull())
                .map(row -> row == null ? null : row.view());
    }
}
