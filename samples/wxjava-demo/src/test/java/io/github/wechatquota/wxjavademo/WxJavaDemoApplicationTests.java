package io.github.wechatquota.wxjavademo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo as README shows it, against the embedded simulator. */
@ExtendWith(OutputCaptureExtension.class)
class WxJavaDemoApplicationTests {

    @Test
    void theScenarioShowsRefusalsBeforeWeChatAndWeChatsOwn45009(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WxJavaDemoApplication.class).run()) {
            assertThat(output.getOut())
                    .contains("guarded: true")
                    .contains("synced: WeChat's daily limit is 3, 2 left today")
                    .contains("create menu #4   -> refused before WeChat: WxErrorException 45009 wechat-quota refused")
                    .contains("user info #3     -> WeChat answered: WxErrorException 45009")
                    .contains("user info #4     -> refused before WeChat")
                    .contains("3 menu creates, 3 user infos, 1 token fetch");
        }
    }
}
