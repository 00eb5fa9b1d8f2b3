package dev.fanout.adapters.aws.failure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening port that never accepts and whose accept queue is full, so the kernel drops new SYNs and a
 * client's connect times out: a real connect timeout, not a refused connection.
 */
final class FullBacklogPort implements AutoCloseable {

    private static final int MAX_FILLERS = 64;

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();
    private final boolean full;

    FullBacklogPort() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        boolean timedOut = false;
        while (!timedOut && fillers.size() < MAX_FILLERS) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
                fillers.add(filler);
            } catch (SocketTimeoutException e) {
                filler.close();
                timedOut = true;
            }
        }
        full = timedOut;
    }

    /** Whether a connect to the port now times out (the kernel may not drop SYNs everywhere). */
    boolean full() {
        return full;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        server.close();
    }
}
