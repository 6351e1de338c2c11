package io.quotewire.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Small helpers for picking and checking TCP ports on this machine. */
public final class Ports {

    private Ports() {
    }

    /**
     * The ports {@link #freePort()} picks from: below Linux's ephemeral range (32768-60999), from which the
     * kernel gives outgoing connections their local port. A port picked there could be taken by some client's
     * connection between the pick and the server's bind.
     */
    private static final int FIRST = 20_000;
    private static final int COUNT = 12_000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    /**
     * A port that was free a moment ago, not handed out before by this JVM, and outside the range the kernel
     * uses for outgoing connections.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST + RANDOM.nextInt(COUNT);
            if (HANDED_OUT.add(port) && isFree(port)) {
                return port;
            }
        }
        return kernelPort();
    }

    /**
     * A free port the kernel picks, from its ephemeral range: for a port that only the process itself uses (the
     * embedded broker's controller). Another process's {@link #freePort()} picks, handed out but not yet bound
     * (another local stack starting beside this one), are outside that range, so they cannot be picked here.
     */
    public static int kernelPort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on loopback", e);
        }
    }

    /** True when nothing listens on {@code port} on any interface, so that a server may bind it. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
