package io.github.wechatquota.engine.dto;

/** Order types as an application declares them: not public, in a package of its own. */
public final class Orders {

    private Orders() {
    }

    record Order(String deliveryId, String bizId, String orderId) {
    }

    static final class OrderBean {
        private final String deliveryId;
        private final String bizId;

        OrderBean(String deliveryId, String bizId) {
            this.deliveryId = deliveryId;
            this.bizId = bizId;
        }

        public String getDeliveryId() {
            return deliveryId;
        }

        public String getBizId() {
            return bizId;
        }
    }

    /** A package-private record. */
    public static Object record(String deliveryId, String bizId) {
        return new Order(deliveryId, bizId, "order-1");
    }

    /** A package-private bean with public getters. */
    public static Object bean(String deliveryId, String bizId) {
        return new OrderBean(deliveryId, bizId);
    }
}
