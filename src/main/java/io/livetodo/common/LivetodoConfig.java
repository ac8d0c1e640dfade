package io.livetodo.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.OptionalInt;

@ConfigMapping(prefix = "livetodo")
public interface LivetodoConfig {

    Session session();

    Password password();

    Login login();

    Registration registration();

    Live live();

    Quota quota();

    History history();

    @WithName("import")
    Import imports();

    interface Session {
        /** A session unused for this long is expired. Default: 14 days. */
        @WithDefault("P14D")
        Duration idleTimeout();

        /** A session ends this long after log-in however much it is used. Default: 90 days. */
        @WithDefault("P90D")
        Duration maxLifetime();

        /** Sessions each instance keeps in memory, so that a request needs no query to know its user. Default: 100,000. */
        @WithDefault("100000")
        int cacheSize();
    }

    interface Password {
        /** bcrypt cost factor (log2 rounds), at least 10. Default: 12. */
        @WithDefault("12")
        int bcryptCost();

        /** Password hashes computed at once. Default: one less than the number of cores (at least one), which keeps a core for everything else. */
        OptionalInt maxConcurrentHashes();

        /** Log-ins and registrations that may wait for a hashing thread; beyond them the answer is 503. Default: 8. */
        @WithDefault("8")
        int maxQueuedHashes();
    }

    interface Login {
        /** Failed log-ins allowed for one username from one client address within {@link #window()}. Default: 5. */
        @WithDefault("5")
        int maxFailuresPerUsernameAndAddress();

        /** Failed log-ins allowed from one client address, whatever the username, within {@link #window()}. Default: 50. */
        @WithDefault("50")
        int maxFailuresPerAddress();

        /** Failed log-ins allowed for one username from all addresses together within {@link #window()}. Default: 100. */
        @WithDefault("100")
        int maxFailuresPerUsername();

        /**
         * Requests with a session or API token nobody has, from one client address, within
         * {@link #window()}; after one more, its tokens are not looked up (429) until the window
         * ends. Default: 100.
         */
        @WithDefault("100")
        int maxUnknownTokensPerAddress();

        /** How long a failed log-in counts. Default: 15 minutes. */
        @WithDefault("PT15M")
        Duration window();
    }

    interface Registration {
        /** Registrations allowed from one client address within {@link #window()}. Default: 20. */
        @WithDefault("20")
        int maxPerAddress();

        /** How long a registration counts against its address. Default: 1 hour. */
        @WithDefault("PT1H")
        Duration window();
    }

    interface Live {
        /** Frames a connection may leave unread (changes, replies and pings alike) before it is closed with 1013. Default: 256. */
        @WithDefault("256")
        int maxUnsentFrames();

        /** How often every connection is pinged. Default: 25 seconds. */
        @WithDefault("PT25S")
        Duration pingInterval();

        /** A connection that has not answered a ping for this long is closed. Default: 75 seconds. */
        @WithDefault("PT75S")
        Duration deadAfter();

        /** Frames a client may send in one second (pings and pongs included); more close the connection with 1008. Default: 20. */
        @WithDefault("20")
        int maxMessagesPerSecond();

        /**
         * How long a new WebSocket connection's hello waits for its client's first message: a client
         * that resumes sends resume first, and a resume that arrives after changes went out could
         * only be answered with resync. Hello goes as soon as the client has said anything. Default: 1 second.
         */
        @WithDefault("PT1S")
        Duration resumeWait();

        /** Changes that {@code resume} may replay on one connection in all; beyond them it answers resync. Default: 10000. */
        @WithDefault("10000")
        long maxReplay();

        /** How often the change feed's connection is checked; one that stays silent twice as long is replaced. Default: 10 seconds. */
        @WithDefault("PT10S")
        Duration feedHeartbeat();

        /**
         * How long committed changes wait to be announced together in one NOTIFY, besides those that
         * gather while one is on its way; other instances' clients see them that much later. Default: none.
         */
        @WithDefault("PT0S")
        Duration announceLinger();

        /** How often the recent change log is swept for changes whose announcement was lost. Default: 1 second. */
        @WithDefault("PT1S")
        Duration announceSweep();

        /** The kernel send buffer of each HTTP and live connection, in bytes. Default: the operating system's. */
        OptionalInt socketSendBuffer();
    }

    interface Quota {
        /** Live connections one user may have open on one instance; the next upgrade is refused with 429. Default: 50. */
        @WithDefault("50")
        int liveConnectionsPerUser();

        /** Lists one user may own; creating another is refused with 409. Default: 1000. */
        @WithDefault("1000")
        int listsPerUser();

        /** Members a list may have, its owner included; adding another is refused with 409. Default: 1000. */
        @WithDefault("1000")
        int membersPerList();

        /** Todos a list may hold; adding another is refused with 409. It bounds every bulk change of a list. Default: 5000. */
        @WithDefault("5000")
        int todosPerList();
    }

    interface History {
        /** Changes older than this are pruned; a client resuming from before them gets resync. Default: 7 days. */
        @WithDefault("P7D")
        Duration maxAge();

        /** At most this many changes are kept per list. Default: 10000. */
        @WithDefault("10000")
        int maxPerList();

        /** How often old changes are pruned. Default: 10 minutes. */
        @WithDefault("PT10M")
        Duration pruneEvery();
    }

    interface Import {
        /** The largest document POST /user/import takes; a larger one is refused with 413. Default: 5 MiB. */
        @WithDefault("5M")
        MemorySize maxSize();
    }
}
