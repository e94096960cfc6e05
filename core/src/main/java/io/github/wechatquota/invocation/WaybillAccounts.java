package io.github.wechatquota.invocation;

import io.github.wechatquota.engine.WaybillAccount;
import java.util.Optional;

/** Finds the courier account of a logistics order add among a call's arguments. */
final class WaybillAccounts {

    private WaybillAccounts() {
    }

    /**
     * The account named by the first argument that is a {@code Map}, a Jackson node, JSON text, or an object with
     * {@code deliveryId}/{@code delivery_id} and {@code bizId}/{@code biz_id} properties.
     */
    static Optional<WaybillAccount> find(Object[] args) {
        if (args != null) {
            for (Object arg : args) {
                String deliveryId = PropertyReader.text(arg, "delivery_id", "deliveryId");
                String bizId = PropertyReader.text(arg, "biz_id", "bizId");
                if (deliveryId != null && bizId != null) {
                    return Optional.of(new WaybillAccount(deliveryId, bizId));
                }
            }
        }
        return Optional.empty();
    }
}
