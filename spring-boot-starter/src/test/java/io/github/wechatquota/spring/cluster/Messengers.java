package io.github.wechatquota.spring.cluster;

import io.github.wechatquota.QuotaExhaustedException;

/** Calls through an instance's {@link ClusterApplication.Messenger}, counting what got through. */
final class Messengers {

    private Messengers() {
    }

    /** Sends {@code times} messages; returns how many were let through. Only quota refusals may be thrown. */
    static int send(ClusterApplication.Messenger messenger, int times) {
        int through = 0;
        for (int i = 0; i < times; i++) {
            try {
                messenger.send();
                through++;
            } catch (QuotaExhaustedException refused) {
                // counted as refused; anything else fails the test
            }
        }
        return through;
    }
}
