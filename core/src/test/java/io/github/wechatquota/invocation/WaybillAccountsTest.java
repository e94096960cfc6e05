package io.github.wechatquota.invocation;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.engine.WaybillAccount;
import io.github.wechatquota.engine.dto.Orders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaybillAccountsTest {

    private static final WaybillAccount YTO = new WaybillAccount("YTO", "xyz");

    public record PublicOrder(String deliveryId, String bizId) {
    }

    @Test
    void find_inAMapWithWeChatsNames_findsTheAccount() {
        assertThat(WaybillAccounts.find(new Object[] {Map.of("delivery_id", "YTO", "biz_id", "xyz")})).contains(YTO);
    }

    @Test
    void find_inAJsonNode_findsTheAccount() throws Exception {
        Object node = new ObjectMapper().readTree("{\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\"}");

        assertThat(WaybillAccounts.find(new Object[] {"ignored", node})).contains(YTO);
    }

    @Test
    void find_inAPublicRecord_findsTheAccount() {
        assertThat(WaybillAccounts.find(new Object[] {new PublicOrder("YTO", "xyz")})).contains(YTO);
    }

    /** Regression: accessors of a non-public class failed to invoke, so the order used no waybill, silently. */
    @Test
    void find_inARecordThatIsNotPublic_findsTheAccount() {
        assertThat(WaybillAccounts.find(new Object[] {Orders.record("YTO", "xyz")})).contains(YTO);
    }

    @Test
    void find_inABeanThatIsNotPublic_findsTheAccount() {
        assertThat(WaybillAccounts.find(new Object[] {Orders.bean("YTO", "xyz")})).contains(YTO);
    }

    @Test
    void find_withoutBothIds_isEmpty() {
        assertThat(WaybillAccounts.find(new Object[] {Map.of("delivery_id", "YTO")})).isEmpty();
        assertThat(WaybillAccounts.find(null)).isEmpty();
    }
}
