package io.livetodo.live;

import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.livetodo.support.EventClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6a: an event's id stays small however many lists its user has, and resumes every one of them. */
@QuarkusTest
@Tag("abuse")
class EventStreamPlaceTest {

    private static final int LISTS = 4_000;

    @Inject
    AgroalDataSource database;

    @Inject
    StreamPlaceTable places;

    /** What another instance reads: an ended stream's place, for its own user only. */
    @Test
    void anEndedStreamsPlaceIsKeptForItsUserOnly() throws Exception {
        StreamPlace stream = StreamPlace.fresh();
        byte[] place = stream.ended(Map.of(7L, 70L));
        long user = userId(newUser());
        places.keep(user, stream.token, place);
        places.written().await().atMost(Duration.ofSeconds(5));
        assertThat(places.find(user, stream.token).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(place);
        assertThat(places.find(userId(newUser()), stream.token).await().atMost(Duration.ofSeconds(5)))
                .isNull();
    }

    private long userId(User user) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement find = connection.prepareStatement("select id from app_user where username = ?")) {
            find.setString(1, user.name());
            try (ResultSet rows = find.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aMemberOfThousandsOfListsResumesFromAnIdOfTheSameSizeAsAnyone() throws Exception {
        User owner = newUser();
        User member = newUser();
        List<Long> lists = memberOfMany(owner, member);
        long first = lists.get(0);
        long last = lists.get(lists.size() - 1);
        String lastSeen;
        try (EventClient events = EventClient.connect(base(), member)) {
            assertThat(events.next().path("lists").size()).isEqualTo(LISTS + 1);
            createTodo(member, first, "seen");
            events.next();
            lastSeen = events.lastEventId();
        }
        assertThat(lastSeen).matches(EventStreamTest.EVENT_ID).hasSizeLessThan(48);

        createTodo(member, first, "missed in the first");
        createTodo(member, last, "missed in the last");
        createTodo(member, "missed in their own");
        try (EventClient events = EventClient.connect(base(), member, "", lastSeen)) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            assertThat(events.next().path("type").asText()).isEqualTo("hello");
            List<JsonNode> missed = events.next(3);
            assertThat(missed)
                    .extracting(m -> m.path("data").path("name").asText())
                    .containsExactlyInAnyOrder("missed in the first", "missed in the last", "missed in their own");
            createTodo(member, last, "after the resume");
            assertThat(events.next().path("data").path("name").asText()).isEqualTo("after the resume");
            assertThat(events.lastEventId()).hasSizeLessThan(48);
        }
    }

    /** The owner's lists, all shared with the member, made in one statement: the API would take a while for this many. */
    private List<Long> memberOfMany(User owner, User member) throws SQLException {
        List<Long> lists = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement made = connection.prepareStatement("""
                        with made as (
                            insert into todo_list (name, owner_id)
                            select 'list ' || n, (select id from app_user where username = ?) from generate_series(1, ?) n
                            returning id, owner_id
                        ), owned as (
                            insert into membership (list_id, user_id, role) select id, owner_id, 'owner' from made
                        ), shared as (
                            insert into membership (list_id, user_id, role)
                            select id, (select id from app_user where username = ?), 'member' from made
                        )
                        select id from made order by id
                        """)) {
            made.setString(1, owner.name());
            made.setInt(2, LISTS);
            made.setString(3, member.name());
            try (ResultSet rows = made.executeQuery()) {
                while (rows.next()) {
                    lists.add(rows.getLong(1));
                }
            }
        }
        return lists;
    }
}
