package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, session end reaches every connection, including one that is being opened at that moment. */
@QuarkusTest
@Tag("abuse")
class SessionEndRaceTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aSessionEndedWhileItsConnectionIsStillOpeningClosesIt() throws Exception {
        User user = newUser();
        LiveClient live;
        try (Connection blocker = database.getConnection()) {
            blocker.setAutoCommit(false);
            // Holds up the query the opening connection makes for its lists, so the session ends in between.
            blocker.createStatement().execute("lock table membership in access exclusive mode");
            live = LiveClient.connect(base(), user);
            as(user).delete("/user").then().statusCode(200);
            // Lets the notice of the ended session reach the instance while the connection still opens.
            Thread.sleep(200);
            blocker.rollback();
        }
        try (live) {
            assertThat(live.closeCode(Duration.ofSeconds(2))).isEqualTo(1008);
        }
    }
}
