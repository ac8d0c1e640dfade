package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.common.CurrentUser;
import io.livetodo.live.wire.Frame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The outbox's bound on unread frames, on a real socket whose client stops reading and, later,
 * reads again. The hub closes a connection that is past the bound a moment after the outbox
 * says so; here it never does, which stands for frames already on their way to the outbox in
 * that moment.
 */
class OutboxTest {

    private static final int MAX_UNSENT = 4;
    private static final Pattern NUMBER = Pattern.compile("\"n\":(\\d+)");

    @Test
    void guarantee1_aConnectionPastItsBoundIsWrittenNothingMoreThoughItsSocketDrainsLater() throws Exception {
        Vertx vertx = Vertx.vertx();
        NioEventLoopGroup loops = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Channel channel = new Bootstrap()
                    .group(loops)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.SO_SNDBUF, 4096)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(server.getLocalSocketAddress())
                    .sync()
                    .channel();
            try (Socket client = server.accept()) {
                Context context = vertx.getOrCreateContext();
                List<List<Follower>> backedUp = new CopyOnWriteArrayList<>();
                Outbox outbox =
                        new Outbox(context, MAX_UNSENT, backedUp::add, new SimpleMeterRegistry().counter("frames"));
                Follower follower =
                        new Follower(new Raw(channel), null, 1, new CurrentUser(1, "reader", 1, 1), Long.MAX_VALUE, 0);

                int sent = 0;
                while (backedUp.isEmpty() && sent < 10_000) {
                    write(context, channel, outbox, follower, ++sent);
                }
                assertThat(backedUp).as("the bound was reached").isNotEmpty();
                List<Integer> received = new ArrayList<>(read(client));
                for (int i = 0; i < 20; i++) {
                    write(context, channel, outbox, follower, ++sent);
                }
                received.addAll(read(client));

                assertThat(received)
                        .as("what reached the client, in order and with no gap")
                        .isNotEmpty()
                        .isEqualTo(IntStream.rangeClosed(1, received.size())
                                .boxed()
                                .toList());
                assertThat(received.size())
                        .as("nothing after the first frame that did not fit")
                        .isLessThan(sent - 20);
            } finally {
                channel.close().sync();
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** Queues one frame as the hub does, and waits until the outbox has handed it to the socket's event loop and that has run. */
    private static void write(Context context, Channel channel, Outbox outbox, Follower follower, int number)
            throws Exception {
        String json = "{\"n\":" + number + ",\"padding\":\"" + "x".repeat(1_000) + "\"}";
        CompletableFuture<Void> queued = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            outbox.write(follower, Frame.of(json, false));
            queued.complete(null);
        });
        queued.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        context.runOnContext(ignored -> flushed.complete(null));
        flushed.get(5, TimeUnit.SECONDS);
        channel.eventLoop().submit(() -> null).get(5, TimeUnit.SECONDS);
    }

    /** Reads what the socket holds until it is quiet for half a second, and returns the frames' numbers. */
    private static List<Integer> read(Socket client) throws IOException {
        client.setSoTimeout(500);
        InputStream in = client.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // All there was.
        }
        List<Integer> numbers = new ArrayList<>();
        ByteBuffer frames = ByteBuffer.wrap(bytes.toByteArray());
        while (frames.remaining() >= 4) {
            frames.get();
            int length = frames.get() & 0x7f;
            if (length == 126) {
                length = frames.getShort() & 0xffff;
            }
            byte[] payload = new byte[length];
            frames.get(payload);
            Matcher number = NUMBER.matcher(new String(payload, StandardCharsets.UTF_8));
            assertThat(number.find()).isTrue();
            numbers.add(Integer.parseInt(number.group(1)));
        }
        return numbers;
    }

    /** A plain socket as a live connection's transport: frames as WebSocket bytes, straight to the channel. */
    private record Raw(Channel channel) implements Transport {

        @Override
        public String id() {
            return "raw";
        }

        @Override
        public boolean isOpen() {
            return channel.isActive();
        }

        @Override
        public ChannelOutboundInvoker writer() {
            return channel;
        }

        @Override
        public ByteBuf encode(Frame frame, Follower follower) {
            return frame.webSocket();
        }

        @Override
        public Uni<Void> close(CloseReason reason) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public void abort(int code, String reason) {
            channel.close();
        }
    }
}
