package io.github.wechatquota.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that refuses connections until {@link #open()}, then forwards each one to a real service (the
 * shared PostgreSQL, say): a database that "appears" at an address an application was configured with before it ran.
 */
public final class TcpForwarder implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private TcpForwarder(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** A free port, closed for now, that will forward to {@code 127.0.0.1:targetPort}. */
    public static TcpForwarder closedTo(int targetPort) throws IOException {
        return new TcpForwarder(RedisServerProcess.freePort(), targetPort);
    }

    public int port() {
        return port;
    }

    /** Starts accepting and forwarding connections. */
    public void open() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pipe(client, target);
                pipe(target, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // one side closed: the other follows
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-forwarder-pipe-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops accepting and cuts every forwarded connection. */
    @Override
    public void close() throws IOException {
        ServerSocket current = server;
        if (current != null) {
            current.close();
        }
        sockets.forEach(TcpForwarder::closeQuietly);
    }
}
