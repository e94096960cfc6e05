package io.github.wechatquota.wxjavademo;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.wxjava.WxJavaQuota;
import java.io.PrintStream;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/**
 * The demo's scenario, through the application's own {@code WxMpService} bean: what a WxJava user sees when quotas run
 * out. The guard and the simulator are used only to report.
 */
@Component
class WxJavaDemoRunner implements CommandLineRunner {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final String USER_INFO = "/cgi-bin/user/info";

    private final WxMpService wxMpService;
    private final QuotaGuard guard;
    private final ObjectProvider<WeChatSimulator> simulator;
    private final PrintStream out = System.out;

    WxJavaDemoRunner(WxMpService wxMpService, QuotaGuard guard, ObjectProvider<WeChatSimulator> simulator) {
        this.wxMpService = wxMpService;
        this.guard = guard;
        this.simulator = simulator;
    }

    @Override
    public void run(String... args) {
        String appId = wxMpService.getWxMpConfigStorage().getAppId();
        out.println();
        out.println("wechat-quota WxJava demo: appid " + appId + ", WxMpService from WxJava's starter, guarded: "
                + WxJavaQuota.isGuarded(wxMpService));

        out.println();
        out.println("(1) Menu create: the guard reads WeChat's limit (getApiQuota, with WxJava's token), then counts");
        call("create menu #1", () -> wxMpService.getMenuService().menuCreate(menu()));
        guard.syncNow().join();
        guard.snapshot(appId, MENU_CREATE).ifPresent(quota -> out.println("    synced: WeChat's daily limit is "
                + quota.dailyLimit().orElseThrow() + ", " + quota.remaining().orElseThrow() + " left today"));
        for (int i = 2; i <= 4; i++) {
            int n = i;
            call("create menu #" + n, () -> wxMpService.getMenuService().menuCreate(menu()));
        }

        out.println();
        out.println("(2) User info: WeChat allows 2 today; the guard, not synced for it, counts the 5 configured");
        for (int i = 1; i <= 4; i++) {
            int n = i;
            call("user info #" + n, () -> wxMpService.getUserService().userInfo("openid-" + n));
        }

        simulator.ifAvailable(weChat -> {
            out.println();
            out.println("(3) What WeChat received: " + weChat.calls(MENU_CREATE).size() + " menu creates, "
                    + weChat.calls(USER_INFO).size() + " user infos, " + weChat.calls("/cgi-bin/token").size()
                    + " token fetch (WxJava's, used by the guard too), " + weChat.calls("/cgi-bin/stable_token").size()
                    + " stable_token");
        });
        out.println();
    }

    private interface WeChatCall {
        void run() throws WxErrorException;
    }

    private void call(String label, WeChatCall call) {
        String line = String.format("    %-16s -> ", label);
        try {
            call.run();
            out.println(line + "ok");
        } catch (WxErrorException e) {
            String who = e.getCause() instanceof QuotaExhaustedException && e.getMessage().contains("wechat-quota")
                    ? "refused before WeChat" : "WeChat answered";
            out.println(line + who + ": WxErrorException " + e.getError().getErrorCode() + " "
                    + e.getError().getErrorMsg());
        }
    }

    private static WxMenu menu() {
        return WxMenu.fromJson(
                "{\"menu\":{\"button\":[{\"type\":\"click\",\"name\":\"Hello\",\"key\":\"HELLO\"}]}}");
    }
}
