package io.livetodo.account;

import static io.livetodo.Api.credentials;
import static io.livetodo.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(LoginLimitTest.FewFailuresPerAddress.class)
class LoginLimitTest {

    public static class FewFailuresPerAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetodo.login.max-failures-per-address", "3");
        }
    }

    @Test
    void tooManyFailedLoginsFromOneAddressAreRefusedWhateverTheUsername() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(credentials(uniqueName("nobody"), "wrong password"))
                    .post("/user").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(credentials(uniqueName("other"), "wrong password"))
                .post("/user").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", notNullValue());
    }
}
