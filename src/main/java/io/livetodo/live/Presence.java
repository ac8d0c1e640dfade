package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.livetodo.live.wire.LiveMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who is looking at which list (SPEC §7), for {@link LiveHub} and confined to its context. A
 * connection watches at most one of the lists it follows.
 *
 * <p>Each instance announces its own viewers of a list ({@link PresenceBus}, on the cluster's bus) at the tick
 * after they change, and again every third of their lifetime while there are any. What another instance
 * announced counts until that lifetime, half the sender's ping interval, runs out; expiry is
 * checked four times a second: the viewers of an instance that died are gone within one ping
 * interval. So is a viewer whose client vanished without a word: this pings the connections that
 * watch a list four times a ping interval, and one that has not answered for a whole interval is
 * no longer counted, long before the dead-after period closes it. The watchers of a list are told its viewers when they change, at most once a second per
 * list, and at once when they start watching. Nothing of it is stored.
 */
final class Presence {

    /** Per instance and list, at most this many viewers are announced: within NOTIFY's 8,000 bytes. */
    private static final int MOST_ANNOUNCED = 200;

    private static final long TELL_EVERY_MILLIS = 1_000;

    private final HubLoop loop;
    private final Followers followers;
    private final FrameWriter send;
    private final PresenceBus bus;
    private final String instance = UUID.randomUUID().toString();
    private final long lifetimeMillis;
    private long sequence;
    private final ViewersElsewhere elsewhere = new ViewersElsewhere();
    /** The lists with viewers here, and when they were last announced. */
    private final Map<Long, Long> announcedAt = new HashMap<>();

    private final Map<Long, Long> toldAt = new HashMap<>();
    private final Set<Long> tellLater = new HashSet<>();
    /** Lists whose viewers here changed since the last tick. */
    private final Set<Long> announceSoon = new HashSet<>();
    /** The connections here that watch a list, with when this last pinged each; and those of them that stopped answering. */
    private final Map<Follower, Long> watchers = new HashMap<>();

    private final Set<Follower> silent = new HashSet<>();
    private final Pings pings;
    private final long pingIntervalMillis;

    Presence(HubLoop loop, Followers followers, FrameWriter send, PresenceBus bus, Pings pings, Duration pingInterval) {
        this.loop = loop;
        this.pings = pings;
        this.followers = followers;
        this.send = send;
        this.bus = bus;
        this.pingIntervalMillis = pingInterval.toMillis();
        this.lifetimeMillis = Math.max(200, pingIntervalMillis / 2);
        tickEvery(Math.min(250, lifetimeMillis / 4));
    }

    private void tickEvery(long millis) {
        loop.setTimer(millis, () -> {
            tick();
            tickEvery(millis);
        });
    }

    /** The follower looks at this list now, or at none (null); a list it does not follow is refused. */
    void watch(Follower follower, Long listId) {
        if (listId != null && !follower.follows(listId)) {
            send.write(
                    follower,
                    LiveMessage.frame(new LiveMessage.ErrorReply(
                            "watch needs one of your lists, after hello; you do not follow list " + listId + ".")));
            return;
        }
        Long before = follower.watching;
        follower.watching = listId;
        follower.viewersTold = null;
        if (listId == null) {
            watchers.remove(follower);
            silent.remove(follower);
        } else {
            watchers.putIfAbsent(follower, 0L);
        }
        if (before != null && !before.equals(listId)) {
            changedHere(before);
        }
        if (listId != null) {
            List<String> viewers = viewers(listId);
            tell(follower, frame(listId, viewers), viewers);
            changedHere(listId);
        }
    }

    /** The follower is gone, or no longer follows the list it watched. */
    void left(Follower follower) {
        Long listId = follower.watching;
        watchers.remove(follower);
        silent.remove(follower);
        if (listId != null) {
            follower.watching = null;
            changedHere(listId);
        }
    }

    /** The follower no longer follows the list: it no longer looks at it either. */
    void unfollowed(Follower follower, long listId) {
        if (Long.valueOf(listId).equals(follower.watching)) {
            left(follower);
        }
    }

    /** An announcement on the feed, this instance's own included. */
    void heard(String payload) {
        ViewersElsewhere.Announcement heard = ViewersElsewhere.Announcement.parse(payload);
        if (heard != null && !heard.instance().equals(instance) && elsewhere.heard(heard, loop.nowMillis())) {
            changed(heard.listId());
        }
    }

    private void tick() {
        long now = loop.nowMillis();
        for (Map.Entry<Follower, Long> watching : watchers.entrySet()) {
            Follower watcher = watching.getKey();
            if (watcher.guard == null) {
                continue;
            }
            if (now - watching.getValue() >= pingIntervalMillis / 4) {
                watching.setValue(now);
                send.write(watcher, pings.frame());
            }
            boolean quiet = now - watcher.guard.lastPongMillis() > pingIntervalMillis;
            if (quiet ? silent.add(watcher) : silent.remove(watcher)) {
                changedHere(watcher.watching);
            }
        }
        elsewhere.expire(now).forEach(this::changed);
        Set<Long> due = new TreeSet<>(announceSoon);
        announceSoon.clear();
        announcedAt.forEach((listId, at) -> {
            if (now - at >= lifetimeMillis / 3) {
                due.add(listId);
            }
        });
        announce(due);
    }

    /**
     * Told to the watchers here at once (throttled per list), to the other instances at the next
     * tick: a client that flips its watch back and forth makes one NOTIFY a tick, not one a flip,
     * on the lock every NOTIFY of the database takes.
     */
    private void changedHere(long listId) {
        announceSoon.add(listId);
        changed(listId);
    }

    private void changed(long listId) {
        if (tellLater.contains(listId)) {
            return;
        }
        long wait = toldAt.getOrDefault(listId, 0L) + TELL_EVERY_MILLIS - loop.nowMillis();
        if (wait <= 0) {
            tellWatchers(listId);
            return;
        }
        tellLater.add(listId);
        loop.setTimer(wait, () -> {
            tellLater.remove(listId);
            tellWatchers(listId);
        });
    }

    private void tellWatchers(long listId) {
        List<String> viewers = viewers(listId);
        Frame frame = null;
        boolean watched = false;
        for (Follower follower : followers.ofList(listId)) {
            if (!Long.valueOf(listId).equals(follower.watching)) {
                continue;
            }
            watched = true;
            if (!viewers.equals(follower.viewersTold)) {
                frame = frame != null ? frame : frame(listId, viewers);
                tell(follower, frame, viewers);
            }
        }
        if (frame != null) {
            toldAt.put(listId, loop.nowMillis());
        } else if (!watched) {
            toldAt.remove(listId);
        }
    }

    private void tell(Follower follower, Frame frame, List<String> viewers) {
        follower.viewersTold = viewers;
        send.write(follower, frame);
    }

    private static Frame frame(long listId, List<String> viewers) {
        return LiveMessage.frame(new LiveMessage.Viewers(listId, viewers));
    }

    /** The list's viewers on every instance, by name. */
    private List<String> viewers(long listId) {
        Set<String> names = new TreeSet<>(viewersHere(listId));
        elsewhere.addViewers(listId, loop.nowMillis(), names);
        return List.copyOf(names);
    }

    private Set<String> viewersHere(long listId) {
        Set<String> names = new TreeSet<>();
        for (Follower follower : followers.ofList(listId)) {
            if (Long.valueOf(listId).equals(follower.watching) && !silent.contains(follower)) {
                names.add(follower.user.username());
            }
        }
        return names;
    }

    private void announce(Collection<Long> listIds) {
        if (listIds.isEmpty()) {
            return;
        }
        long now = loop.nowMillis();
        List<String> payloads = new ArrayList<>(listIds.size());
        for (long listId : listIds) {
            List<String> here =
                    viewersHere(listId).stream().limit(MOST_ANNOUNCED).toList();
            payloads.add(
                    new ViewersElsewhere.Announcement(instance, ++sequence, lifetimeMillis, listId, here).payload());
            if (here.isEmpty()) {
                announcedAt.remove(listId);
            } else {
                announcedAt.put(listId, now);
            }
        }
        bus.announce(payloads.toArray(String[]::new));
    }
}
