package io.github.wechatquota.store;

import java.time.Clock;
import java.util.UUID;

class LocalQuotaStoreContractTest extends QuotaStoreContract {

    private final String prefix = "local-" + UUID.randomUUID();
    private QuotaStore store;

    @Override
    protected QuotaStore newStore(Clock clock) {
        if (store == null) {
            store = LocalQuotaStore.create(clock, 1000);
        }
        return store;
    }

    @Override
    protected String key(String name) {
        return prefix + ":" + name;
    }

    @Override
    protected boolean loseState(String key) {
        return false;
    }

    @Override
    protected boolean canLoseState() {
        return false;
    }

    @Override
    protected boolean sharesAcrossInstances() {
        return false;
    }
}
