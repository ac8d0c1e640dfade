package io.livetodo.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Who looks at which list on the other instances, as each announced it, until the announcement's
 * lifetime ends: the viewers of an instance that died are gone with it. Confined to the hub's loop.
 */
final class ViewersElsewhere {

    /** What an instance said of a list: {@code instance sequence lifetime list user,user,...}. */
    record Announcement(String instance, long sequence, long lifetimeMillis, long listId, List<String> usernames) {

        String payload() {
            return instance + " " + sequence + " " + lifetimeMillis + " " + listId + " " + String.join(",", usernames);
        }

        /** The announcement, or null for a payload that is not one. */
        static Announcement parse(String payload) {
            String[] parts = payload.split(" ", 5);
            try {
                return new Announcement(
                        parts[0],
                        Long.parseLong(parts[1]),
                        Long.parseLong(parts[2]),
                        Long.parseLong(parts[3]),
                        parts[4].isEmpty() ? List.of() : List.of(parts[4].split(",")));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private record Heard(long sequence, long expiresAtMillis, List<String> usernames) {}

    /** Per list, per other instance: its viewers, until they expire. */
    private final Map<Long, Map<String, Heard>> byList = new HashMap<>();

    /** Takes another instance's announcement; false when a newer one of that instance came first. */
    boolean heard(Announcement heard, long now) {
        Map<String, Heard> byInstance = byList.computeIfAbsent(heard.listId(), k -> new HashMap<>());
        Heard known = byInstance.get(heard.instance());
        // Announcements travel over different connections of the pool: one may overtake another.
        if (known != null && known.sequence() >= heard.sequence()) {
            return false;
        }
        byInstance.put(heard.instance(), new Heard(heard.sequence(), now + heard.lifetimeMillis(), heard.usernames()));
        return true;
    }

    /** Forgets what expired; answers the lists whose viewers that changed. */
    List<Long> expire(long now) {
        List<Long> changed = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Map<String, Heard>>> lists =
                        byList.entrySet().iterator();
                lists.hasNext(); ) {
            Map.Entry<Long, Map<String, Heard>> list = lists.next();
            if (list.getValue().values().removeIf(heard -> heard.expiresAtMillis() <= now)) {
                changed.add(list.getKey());
            }
            if (list.getValue().isEmpty()) {
                lists.remove();
            }
        }
        return changed;
    }

    /** Adds the list's viewers elsewhere, as of now, to the names. */
    void addViewers(long listId, long now, Collection<String> names) {
        for (Heard heard : byList.getOrDefault(listId, Map.of()).values()) {
            if (heard.expiresAtMillis() > now) {
                names.addAll(heard.usernames());
            }
        }
    }
}
