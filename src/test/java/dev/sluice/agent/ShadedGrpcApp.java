package dev.sluice.agent;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * A user app on plain gRPC-java with {@code grpc-netty-shaded} (Netty relocated under
 * {@code io.grpc.netty.shaded}), no Arrow, no Sluice: it calls a Flight server's {@code DoGet} as raw
 * bytes, one stream after another, each read to its end (healthy). Exits 0 when every stream
 * delivered data, {@link UserApps#WORK_FAILED} otherwise. Arguments: host:port streams.
 */
public final class ShadedGrpcApp {

    /** {@code DoGet} with the request and responses left as their protobuf bytes. */
    private static final MethodDescriptor<byte[], byte[]> DO_GET = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
            .setFullMethodName("arrow.flight.protocol.FlightService/DoGet")
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    private ShadedGrpcApp() {
    }

    public static void main(String[] args) throws Exception {
        int streams = Integer.parseInt(args[1]);
        ManagedChannel channel = NettyChannelBuilder.forTarget(args[0]).usePlaintext().build();
        try {
            for (int i = 0; i < streams; i++) {
                long bytes = 0;
                Iterator<byte[]> messages = ClientCalls.blockingServerStreamingCall(channel, DO_GET,
                        CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), ticket("part-" + i));
                while (messages.hasNext()) {
                    bytes += messages.next().length;
                }
                if (bytes == 0) {
                    System.exit(UserApps.WORK_FAILED);
                }
            }
        } finally {
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** {@code Ticket { bytes ticket = 1; }} encoded by hand: tag, length, bytes. */
    private static byte[] ticket(String name) {
        byte[] value = name.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[value.length + 2];
        message[0] = 0x0A;
        message[1] = (byte) value.length;
        System.arraycopy(value, 0, message, 2, value.length);
        return message;
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
