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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Lists, their members and who may do what with them. Non-members learn nothing: every answer is 404. */
@ApplicationScoped
public class ListService implements NewUserSetup {

    private static final String VIEWS = """
            select new io.livetodo.list.ListService$ListRow(l.id, l.name, u.username, m.role, l.version, l.createdAt)
              from TodoList l join Membership m on m.listId = l.id join User u on u.id = l.ownerId
             where m.userId = :user
            """;

    /** See the V5 migration for how it locks, and why in that order. */
    private static final String LOCK_AS_MEMBER = "select lock_as_member(:list, :user)";

    @RegisterForReflection
    record ListRow(Long id, String name, String owner, String role, Long version, Instant createdAt) {
        ListView view() {
            return new ListView(id, name, owner, Role.of(role), version, createdAt);
        }
    }

    private final ChangeLog changes;
    private final LivetodoConfig.Quota quota;

    ListService(ChangeLog changes, LivetodoConfig config) {
        this.changes = changes;
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
        return view(user.id(), listId).onItem().ifNull().failWith(ListService::listNotFound);
    }

    /** Creates the personal list of a new user, in the caller's {@code ChangeLog.transaction}. */
    @Override
    public Uni<Void> setUp(User owner) {
        return create(owner.id, owner.username, TodoList.PERSONAL_NAME, true).replaceWithVoid();
    }

    /** Creates a list owned by the user, unless they own as many as anyone may. */
    public Uni<ListView> create(CurrentUser user, String name) {
        return changes.transaction(() -> failIfOwningTooMany(user)
                .chain(() -> create(user.id(), user.username(), name, false))
                .chain(list -> view(user.id(), list.id)));
    }

    /**
     * Counts the lists the user owns, after locking the user's row: creations by one user wait
     * for each other, and each counts in a statement of its own, which sees the ones before it.
     */
    private Uni<Void> failIfOwningTooMany(CurrentUser user) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from app_user where id = :user for no key update", Long.class)
                        .setParameter("user", user.id())
                        .getSingleResult()
                        .chain(() -> TodoList.count("ownerId", user.id())))
                .invoke(owned -> {
                    if (owned >= quota.listsPerUser()) {
                        throw ApiException.conflict(
                                "You own " + owned + " lists, the most one person may; delete one first.");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<ListView> rename(CurrentUser user, long listId, String name) {
        return changes.transaction(() -> lockAsOwner(user, listId)
                .chain(() -> TodoList.<TodoList>findById(listId))
                .invoke(list -> list.name = name)
                .chain(list -> changes.record(
                        listId, ChangeType.LIST_UPDATED, Map.of("id", listId, "name", name), user.username()))
                .chain(() -> view(user.id(), listId)));
    }

    public Uni<Void> delete(CurrentUser user, long listId) {
        return changes.transaction(() -> lockAsOwner(user, listId)
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

    @WithSession
    public Uni<List<MemberView>> members(CurrentUser user, long listId) {
        return requireMember(user, listId)
                .chain(() -> Panache.getSession()
                        .chain(session -> session.createSelectionQuery("""
                        select new io.livetodo.list.ListService$MemberRow(u.username, m.role)
                          from Membership m join User u on u.id = m.userId
                         where m.listId = :list order by m.role desc, lower(u.username)
                        """, MemberRow.class)
                                .setParameter("list", listId)
                                .getResultList()))
                .map(rows -> rows.stream()
                        .map(row -> new MemberView(row.username(), Role.of(row.role())))
                        .toList());
    }

    @RegisterForReflection
    record MemberRow(String username, String role) {}

    /** Adds a member; adding someone who already belongs changes nothing and is not an error. */
    public Uni<Void> addMember(CurrentUser user, long listId, String username) {
        return changes.transaction(() -> lockAsOwner(user, listId)
                .chain(() -> findUser(username))
                .chain(member -> Membership.findFor(listId, member.id)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().voidItem()
                                : failIfFull(listId)
                                        .chain(() ->
                                                join(listId, member.id, member.username, Role.MEMBER, user.username()))
                                        .replaceWithVoid())));
    }

    /** Under the list's lock, so members cannot be added past the limit at once. */
    private Uni<Void> failIfFull(long listId) {
        return Membership.count("listId", listId)
                .invoke(members -> {
                    if (members >= quota.membersPerList()) {
                        throw ApiException.conflict("This list has " + members + " members, the most a list may have.");
                    }
                })
                .replaceWithVoid();
    }

    /** Removes a member: the owner may remove anyone else, and any member may leave. */
    public Uni<Void> removeMember(CurrentUser user, long listId, String username) {
        return changes.transaction(() -> lockForMember(user, listId)
                .chain(caller -> findUser(username).chain(member -> {
                    boolean leaving = member.id == user.id();
                    if (!leaving && caller != Role.OWNER) {
                        return Uni.createFrom()
                                .failure(ApiException.forbidden("Only the owner of a list can remove other members."));
                    }
                    return Membership.findFor(listId, member.id)
                            .onItem()
                            .ifNull()
                            .failWith(() -> ApiException.notFound("That user is not a member of this list."))
                            .chain(membership -> {
                                if (membership.role() == Role.OWNER) {
                                    throw ApiException.conflict(
                                            "The owner cannot leave their own list; delete the list instead.");
                                }
                                return membership.delete();
                            })
                            .chain(() -> changes.record(
                                    listId,
                                    ChangeType.MEMBER_REMOVED,
                                    new MemberView(member.username, Role.MEMBER),
                                    user.username()));
                }))
                .replaceWithVoid());
    }

    /** Fails with 404 unless the user belongs to the list. */
    public Uni<Membership> requireMember(CurrentUser user, long listId) {
        return Membership.findFor(listId, user.id()).onItem().ifNull().failWith(ListService::listNotFound);
    }

    /**
     * Locks the list's row for the rest of the transaction, as {@link ChangeLog} requires of a
     * writer, and emits the caller's role in it. The lock is only taken for a member, so
     * nobody else can hold up a list's writers.
     */
    public Uni<Role> lockForMember(CurrentUser user, long listId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_AS_MEMBER, String.class)
                        .setParameter("list", listId)
                        .setParameter("user", user.id())
                        .getSingleResultOrNull())
                .onItem()
                .ifNull()
                .failWith(ListService::listNotFound)
                .map(Role::of);
    }

    private Uni<Role> lockAsOwner(CurrentUser user, long listId) {
        return lockForMember(user, listId).invoke(role -> {
            if (role != Role.OWNER) {
                throw ApiException.forbidden("Only the owner of a list can do that.");
            }
        });
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
        return list.<TodoList>persist().call(saved -> join(saved.id, ownerId, ownerName, Role.OWNER, ownerName));
    }

    /** Adds a member, recording the version of their {@code member.added}: they see nothing from before it. */
    private Uni<Membership> join(long listId, long userId, String username, Role role, String by) {
        Membership membership = Membership.of(listId, userId, role);
        return membership
                .<Membership>persist()
                .call(() -> changes.recordJoin(listId, username, new MemberView(username, role), by)
                        .invoke(version -> membership.joinedVersion = version));
    }

    private Uni<ListView> view(long userId, long listId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(VIEWS + " and l.id = :list", ListRow.class)
                        .setParameter("user", userId)
                        .setParameter("list", listId)
                        .getSingleResultOrNull())
                .map(row -> row == null ? null : row.view());
    }

    private static Uni<User> findUser(String username) {
        return User.findByUsername(username)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No user is called " + username + "."));
    }

    public static ApiException listNotFound() {
        return ApiException.notFound("List not found");
    }
}
