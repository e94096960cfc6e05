package io.github.wechatquota.engine;

import java.util.Objects;

/**
 * A courier account whose e-waybill balance an order uses: {@code delivery_id} and {@code biz_id} as WeChat's
 * logistics APIs name them.
 *
 * @param deliveryId the courier, e.g. {@code YTO}
 * @param bizId the merchant's customer code with that courier
 */
public record WaybillAccount(String deliveryId, String bizId) {

    public WaybillAccount {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(bizId, "bizId");
    }

    /**
     * Finds the courier account in an order's arguments: a {@code Map}, a Jackson node, or an object with
     * {@code deliveryId}/{@code delivery_id} and {@code bizId}/{@code biz_id} properties.
     */
    public static java.util.Optional<WaybillAccount> find(Object[] args) {
        if (args != null) {
            for (Object arg : args) {
                String deliveryId = Properties.text(arg, "delivery_id", "deliveryId");
                String bizId = Properties.text(arg, "biz_id", "bizId");
                if (deliveryId != null && bizId != null) {
                    return java.util.Optional.of(new WaybillAccount(deliveryId, bizId));
                }
            }
        }
        return java.util.Optional.empty();
    }
}
