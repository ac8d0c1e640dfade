package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.livetodo.support.Api.User;
import io.livetodo.support.LowLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, per-user quotas: over one, a clear 409 and nothing changed. */
@QuarkusTest
@TestProfile(LowLimits.class)
@Tag("abuse")
class ListQuotaTest {

    @Test
    void aUserOwnsAtMostTheQuotaOfListsThePersonalOneIncluded() {
        User user = newUser();
        createList(user, "second");
        createList(user, "third");
        as(user).body(named("fourth"))
                .post("/lists")
                .then()
                .statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", containsString("3 lists"));
        as(user).get("/lists").then().body("", hasSize(3));
    }

    @Test
    void aListHasAtMostTheQuotaOfMembersItsOwnerIncluded() {
        User owner = newUser();
        User late = newUser();
        long list = createList(owner, "Crowded");
        share(owner, list, newUser());
        share(owner, list, newUser());
        as(owner)
                .put("/lists/" + list + "/members/" + late.name())
                .then()
                .statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", containsString("3 members"));
        as(owner).get("/lists/" + list + "/members").then().body("", hasSize(3));
        as(late).get("/lists/" + list).then().statusCode(404);
    }
}
