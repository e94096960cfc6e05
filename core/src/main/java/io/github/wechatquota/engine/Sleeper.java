package io.github.wechatquota.engine;

import java.time.Duration;

/** How the guard waits (retry backoff, {@code WAIT}); injectable so that tests move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
