package io.github.wechatquota.test;

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

    /** Closed by JUnit with the store of the class it belongs to. */
    @SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 (Spring Boot 3.5) closes nothing else
    private record RunningServer(WeChatTestServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
