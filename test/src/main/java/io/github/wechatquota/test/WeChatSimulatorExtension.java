package io.github.wechatquota.test;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link WeChatTestServer} per top-level test class (nested classes share it), resets it before each test,
 * and resolves parameters of its type. Used through {@link WeChatSimulatorTest} or {@code
 * @ExtendWith(WeChatSimulatorExtension.class)}.
 */
public final class WeChatSimulatorExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(WeChatSimulatorExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WeChatTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The server of the outermost test class, started on first use and stopped when that class is done. */
    private static WeChatTestServer server(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().filter(parent -> parent.getTestClass().isPresent()).isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, key -> new RunningServer(WeChatTestServer.start()),
                        RunningServer.class)
                .server();
    }

    /**
     * Closed by JUnit with the store of the class it belongs to: as a {@code CloseableResource} by JUnit 5.12 (Spring
     * Boot 3.5), as an {@link AutoCloseable} by JUnit 5.13 and 6 (Spring Boot 4), once either way.
     */
    @SuppressWarnings("deprecation") // CloseableResource: the only kind JUnit 5.12 closes
    private static final class RunningServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final WeChatTestServer server;
        private final AtomicBoolean closed = new AtomicBoolean();

        RunningServer(WeChatTestServer server) {
            this.server = server;
        }

        WeChatTestServer server() {
            return server;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                server.close();
            }
        }
    }
}
