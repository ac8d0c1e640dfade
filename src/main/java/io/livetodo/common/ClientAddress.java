package io.livetodo.common;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address, as per-address limits count it (SPEC §6a).
 *
 * <p>Without proxy forwarding ({@code quarkus.http.proxy.proxy-address-forwarding}), or from a
 * peer that is not one of the {@code quarkus.http.proxy.trusted-proxies}, it is the connection's
 * peer. From a trusted proxy, it is the nearest hop that is not trusted: each proxy appends the
 * address it took the request from to {@code X-Forwarded-For} (or {@code Forwarded}), so the
 * entries are read from the right, trusted proxies skipped; the leftmost is whatever the client
 * wrote. (Quarkus's own forwarding takes the leftmost, so its idea of the remote address is not
 * used here.) IPv6 clients are counted per /64, the block one subscriber usually holds.
 *
 * <p>Header entries are parsed as address literals only, never looked up: a client cannot make
 * the service resolve a name.
 */
@Singleton
public class ClientAddress {

    private static final String UNKNOWN = "unknown";

    /** An address block: a trusted proxy, or a network of them. */
    private record Block(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[whole] ^ network[whole]) & (0xff << (8 - rest))) == 0;
        }
    }

    private final boolean forwarding;
    private final boolean forwardedHeader;
    private final boolean xForwardedFor;
    private final List<Block> trusted;

    ClientAddress(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
                    boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-forwarded", defaultValue = "false")
                    boolean forwardedHeader,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded", defaultValue = "true") boolean xForwardedFor,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trusted) {
        this.forwarding = forwarding;
        this.forwardedHeader = forwardedHeader;
        this.xForwardedFor = xForwardedFor;
        this.trusted = trusted.orElse(List.of()).stream()
                .flatMap(entry -> blocks(entry).stream())
                .toList();
    }

    /** The address the request counts under. */
    public String of(HttpServerRequest request) {
        byte[] peer = peer(request);
        if (peer == null) {
            return UNKNOWN;
        }
        if (forwarding && isTrusted(peer)) {
            List<String> hops = hops(request);
            for (int i = hops.size() - 1; i >= 0; i--) {
                byte[] hop = literal(hops.get(i));
                if (hop == null) {
                    return UNKNOWN;
                }
                if (!isTrusted(hop)) {
                    return counted(hop);
                }
            }
        }
        return counted(peer);
    }

    /** Whether the request came through one of the trusted proxies, which may speak for the client. */
    public boolean viaTrustedProxy(HttpServerRequest request) {
        byte[] peer = peer(request);
        return forwarding && peer != null && isTrusted(peer) && !hops(request).isEmpty();
    }

    /** The connection's own peer: a request's remote address may have been rewritten from forwarded headers. */
    private static byte[] peer(HttpServerRequest request) {
        SocketAddress address =
                request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        return address == null || address.hostAddress() == null ? null : literal(address.hostAddress());
    }

    /** The addresses the forwarded headers name, nearest last; {@code Forwarded} first, as Quarkus reads it. */
    private List<String> hops(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        if (forwardedHeader) {
            for (String header : request.headers().getAll("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String trimmed = pair.strip();
                        if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
                            hops.add(trimmed.substring(4));
                        }
                    }
                }
            }
        }
        if (hops.isEmpty() && xForwardedFor) {
            for (String header : request.headers().getAll("X-Forwarded-For")) {
                for (String entry : header.split(",")) {
                    if (!entry.isBlank()) {
                        hops.add(entry);
                    }
                }
            }
        }
        return hops;
    }

    private boolean isTrusted(byte[] address) {
        for (Block block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 address as it is; an IPv6 one as its /64. */
    private static String counted(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        byte[] network = new byte[16];
        System.arraycopy(address, 0, network, 0, 8);
        return NetUtil.bytesToIpAddress(network) + "/64";
    }

    /**
     * An address literal as a forwarded header may write it ({@code 1.2.3.4}, {@code 1.2.3.4:80},
     * {@code 2001:db8::1}, {@code "[2001:db8::1]:80"}); IPv4-mapped IPv6 as IPv4; null for anything
     * else, a name included.
     */
    static byte[] literal(String text) {
        String address = text.strip();
        if (address.length() >= 2 && address.startsWith("\"") && address.endsWith("\"")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? "" : address.substring(1, end);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            byte[] ipv4 = new byte[4];
            System.arraycopy(bytes, 12, ipv4, 0, 4);
            return ipv4;
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** A trusted-proxies entry: an address, a block ({@code 10.0.0.0/8}), or a name, resolved once at start. */
    private static List<Block> blocks(String entry) {
        String value = entry.strip();
        int slash = value.indexOf('/');
        if (slash > 0) {
            byte[] network = literal(value.substring(0, slash));
            if (network != null) {
                return List.of(
                        new Block(network, Math.min(network.length * 8, Integer.parseInt(value.substring(slash + 1)))));
            }
        }
        byte[] address = literal(value);
        if (address != null) {
            return List.of(new Block(address, address.length * 8));
        }
        try {
            List<Block> resolved = new ArrayList<>();
            for (InetAddress named : InetAddress.getAllByName(value.toLowerCase(Locale.ROOT))) {
                resolved.add(new Block(named.getAddress(), named.getAddress().length * 8));
            }
            return resolved;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "quarkus.http.proxy.trusted-proxies names " + value + ", which does not resolve", e);
        }
    }
}
