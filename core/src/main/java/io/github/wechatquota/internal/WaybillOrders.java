package io.github.wechatquota.internal;

/**
 * Which API uses an e-waybill of a courier account per call, besides its daily quota: the engine counts the balance,
 * and the method model finds the courier account in the call's arguments. Internal: shared by wechat-quota's own
 * packages, not an API.
 */
public final class WaybillOrders {

    /** Logistics order add: each order uses one e-waybill of the courier account it names. */
    public static final String ORDER_ADD_PATH = "/cgi-bin/express/business/order/add";

    private WaybillOrders() {
    }

    /** Whether each call of {@code cgiPath} also uses one e-waybill. */
    public static boolean usesWaybills(String cgiPath) {
        return ORDER_ADD_PATH.equals(cgiPath);
    }
}
