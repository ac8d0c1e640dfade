package io.livetodo.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Which failures mean the database is away (503, try again) rather than a bug (500). */
class DatabaseErrorsTest {

    @Test
    void aQueryWrittenToAConnectionTheServerDroppedMeansTheDatabaseIsAway() {
        // As a database restart under write load showed them, bare and wrapped.
        assertThat(DatabaseErrors.isUnavailable(new IOException("Broken pipe"))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new CompositeException(
                        new IllegalStateException("x"), new IOException("Connection reset by peer"))))
                .isTrue();
        assertThat(DatabaseErrors.isUnavailable(new IOException("No space left on device")))
                .isFalse();
        assertThat(DatabaseErrors.isUnavailable(new IllegalStateException("Broken pipe in a name")))
                .isFalse();
    }
}
