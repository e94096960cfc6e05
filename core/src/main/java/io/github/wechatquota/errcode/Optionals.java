package io.github.wechatquota.errcode;

/** Which optional libraries are present, and which classes belong to the JDK. */
final class Optionals {

    /** Feign is on the classpath: {@code FeignException} contents are scanned. */
    static final boolean FEIGN = present("feign.FeignException");

    private Optionals() {
    }

    /** Whether {@code type} is the JDK's: loaded by the bootstrap or platform class loader. */
    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Optionals.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
