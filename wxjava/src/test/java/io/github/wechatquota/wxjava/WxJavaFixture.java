package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiSettings;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.util.Map;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/** Real WxJava services pointed at a simulator, and the guard settings the tests share. */
public final class WxJavaFixture {

    static final String MP_APP = "wxmp000000000001";
    static final String MP_SECRET = "mp-secret-0001-never-logged";
    static final String OTHER_MP_APP = "wxmp000000000002";
    static final String OTHER_MP_SECRET = "mp-secret-0002-never-logged";
    static final String MA_APP = "wxma000000000001";
    static final String MA_SECRET = "ma-secret-0001-never-logged";

    private WxJavaFixture() {
    }

    static WeChatSimulator simulator() {
        return WeChatSimulator.builder()
                .account(MP_APP, MP_SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .account(OTHER_MP_APP, OTHER_MP_SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .account(MA_APP, MA_SECRET, io.github.wechatquota.simulator.AccountType.MINI_PROGRAM)
                .start();
    }

    static WxMpDefaultConfigImpl mpStorage(WeChatSimulator simulator, String appId, String secret) {
        WxMpDefaultConfigImpl storage = new WxMpDefaultConfigImpl();
        storage.setAppId(appId);
        storage.setSecret(secret);
        String host = host(simulator);
        storage.setHostConfig(new WxMpHostConfig(host, host, host));
        return storage;
    }

    static WxMpService mpService(WeChatSimulator simulator) {
        WxMpServiceImpl service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(mpStorage(simulator, MP_APP, MP_SECRET));
        service.setRetrySleepMillis(1);
        return service;
    }

    static WxMaService maService(WeChatSimulator simulator) {
        WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
        config.setAppid(MA_APP);
        config.setSecret(MA_SECRET);
        config.setApiHostUrl(host(simulator));
        WxMaServiceImpl service = new WxMaServiceImpl();
        service.setWxMaConfig(config);
        service.setRetrySleepMillis(1);
        return service;
    }

    /** The simulator's address as WxJava's API host setting: no trailing slash. */
    public static String host(WeChatSimulator simulator) {
        return simulator.baseUri().toString().replaceAll("/$", "");
    }

    /** A guard that counts exactly what the tests say: no margin, no sync but the ones a test asks for. */
    static QuotaGuardBuilder exact(QuotaGuardBuilder builder) {
        return builder.safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false);
    }

    /** A one-button menu, for menu create. */
    public static WxMenu menu() {
        WxMenuButton button = new WxMenuButton();
        button.setType("click");
        button.setName("Hello");
        button.setKey("HELLO");
        WxMenu menu = new WxMenu();
        menu.getButtons().add(button);
        return menu;
    }

    /** An account whose listed paths have the given daily limits in the guard's configuration. */
    static AppSettings app(String appId, AccountType type, Map<String, Long> dailyLimits) {
        AppSettings.Builder app = AppSettings.builder(appId, type);
        dailyLimits.forEach((path, limit) -> app.api(path, ApiSettings.builder().dailyLimit(limit).build()));
        return app.build();
    }
}
