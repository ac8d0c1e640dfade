package io.livetodo.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on the loopback address, to the database or to the service, that a test can cut,
 * as if the network went away, and restore.
 */
public final class FlakyProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    /** PostgreSQL's CommandComplete for a COMMIT: 'C', its length (11), the tag. */
    private static final byte[] COMMITTED = {'C', 0, 0, 0, 11, 'C', 'O', 'M', 'M', 'I', 'T', 0};

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean cutAtCommit = new AtomicBoolean();
    private volatile ServerSocket server;

    public FlakyProxy(int targetPort) {
        this.targetPort = targetPort;
        listen(0);
        this.port = server.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Drops every open connection and refuses new ones. */
    public synchronized void cut() {
        closeQuietly(server);
        sockets.forEach(FlakyProxy::closeQuietly);
        sockets.clear();
    }

    /**
     * Drops the connection of the next transaction to commit at the moment the database says it
     * has: the commit is done, and the client never hears so.
     */
    public void cutAtNextCommit() {
        cutAtCommit.set(true);
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        listen(port);
    }

    @Override
    public void close() {
        cut();
    }

    private void listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket accepting = server;
        daemon(() -> accept(accepting));
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException e) {
                // The server socket was closed by cut(); the loop ends.
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                relay(client, upstream, false);
                relay(upstream, client, true);
            } catch (IOException e) {
                // The database is not there: the client is told at once, as by a proxy in front of a stopped server.
                closeQuietly(client);
            }
        }
    }

    private void relay(Socket from, Socket to, boolean fromDatabase) {
        daemon(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromDatabase
                            && cutAtCommit.get()
                            && contains(buffer, read, COMMITTED)
                            && cutAtCommit.compareAndSet(true, false)) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away; the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static boolean contains(byte[] buffer, int length, byte[] wanted) {
        for (int start = 0; start + wanted.length <= length; start++) {
            if (Arrays.equals(buffer, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "flaky-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            // Already closed.
        }
    }
}
