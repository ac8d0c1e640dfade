package io.livetodo;

/** {@link ExternalPostgres} reached through a {@link FlakyProxy}, so that a test can take the database away. */
public class UnreliablePostgres extends ExternalPostgres {

    private static volatile FlakyProxy proxy;

    public static FlakyProxy proxy() {
        return proxy;
    }

    @Override
    protected int port(int serverPort) {
        proxy = new FlakyProxy(serverPort);
        return proxy.port();
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        super.stop();
    }
}
