package io.livetodo.live;

import io.livetodo.common.LivetodoConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Caps the kernel's send buffer per connection when configured. With thousands of live
 * connections it bounds what a client that stops reading can hold in the kernel, on top of
 * the frames {@link LiveHub} lets it leave unsent.
 */
@ApplicationScoped
public class SocketBuffers implements HttpServerOptionsCustomizer {

    private final LivetodoConfig.Live live;

    SocketBuffers(LivetodoConfig config) {
        this.live = config.live();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        live.socketSendBuffer().ifPresent(options::setSendBufferSize);
    }
}
