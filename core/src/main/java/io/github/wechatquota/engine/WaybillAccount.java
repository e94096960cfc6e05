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
}
