package io.livetodo.account;

import io.livetodo.change.SessionListener;
import io.livetodo.common.LivetodoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this instance has recently resolved, by the hash of their token, so that a
 * request does not need the database to learn who sent it.
 *
 * <p>It is right only while it hears of every session that ends. Every ended session, on any
 * instance, is announced over the change feed ({@link #sessionEnded}); while the feed is not listening,
 * nothing is announced, so the cache is emptied when the feed is lost and is neither read nor
 * filled until the feed listens again ({@link #listening}, {@link #lost}). A lookup that started
 * before an ending was heard is not kept, as it may have read the session just before it ended.
 * Expiry and idleness are checked on every use, as the database would.
 */
@ApplicationScoped
public class SessionCache implements SessionListener {

    /**
     * What a request needs to know about its session. {@code lastSeen} is as this instance last
     * wrote or read it; {@code scope}, a token's ({@link ApiTokens}), null for a log-in's session.
     */
    record Entry(
            long sessionId,
            long userId,
            String username,
            long personalListId,
            Instant expiresAt,
            Instant lastSeen,
            String scope) {
        Entry seenAt(Instant at) {
            return new Entry(sessionId, userId, username, personalListId, expiresAt, at, scope);
        }
    }

    private final Map<ByteBuffer, Entry> byToken = new ConcurrentHashMap<>();
    private final Map<Long, ByteBuffer> tokenBySession = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration idleTimeout;
    /** Changes with every ending heard and every loss of the feed; guarded by this. */
    private long endings;

    private volatile boolean trusted;

    SessionCache(LivetodoConfig config) {
        this.maxEntries = config.session().cacheSize();
        this.idleTimeout = config.session().idleTimeout();
    }

    /** The session of a token hash, if it is known here and still alive; null means ask the database. */
    Entry find(byte[] tokenHash) {
        if (!trusted) {
            return null;
        }
        Entry entry = byToken.get(ByteBuffer.wrap(tokenHash));
        if (entry == null) {
            return null;
        }
        Instant now = Instant.now();
        // Idle here may still be in use through another instance: only the database can say.
        // A token is never idle, only expired.
        return entry.expiresAt().isAfter(now)
                        && (entry.scope() != null
                                || entry.lastSeen().plus(idleTimeout).isAfter(now))
                ? entry
                : null;
    }

    /** A mark to hand back to {@link #remember}: taken before the database is asked. */
    synchronized long mark() {
        return endings;
    }

    /** Keeps what the database said, unless a session ended (or the feed was lost) since {@code mark}. */
    synchronized void remember(byte[] tokenHash, Entry entry, long mark) {
        if (!trusted || mark != endings || byToken.size() >= maxEntries) {
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(tokenHash.clone());
        byToken.put(key, entry);
        tokenBySession.put(entry.sessionId(), key);
    }

    /** Records a newer {@code last_seen_at} written by this instance. */
    void touched(byte[] tokenHash, Entry entry, Instant lastSeen) {
        byToken.replace(ByteBuffer.wrap(tokenHash), entry, entry.seenAt(lastSeen));
    }

    /** Here or on another instance. */
    @Override
    public synchronized void sessionEnded(long sessionId) {
        endings++;
        ByteBuffer key = tokenBySession.remove(sessionId);
        if (key != null) {
            byToken.remove(key);
        }
    }

    /**
     * The feed listens: every ending from now on will be heard. Lookups that started before
     * this may have read a session that ended unheard, so they are not kept.
     */
    @Override
    public synchronized void listening() {
        trusted = true;
        endings++;
    }

    /** The feed is lost: endings may go unheard until it listens again. */
    @Override
    public synchronized void lost() {
        trusted = false;
        endings++;
        byToken.clear();
        tokenBySession.clear();
    }
}
