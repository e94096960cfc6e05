package io.github.wechatquota.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import org.junit.jupiter.api.Test;

class CgiPathTest {

    @Test
    void requireValid_validPath_returnsItUnchanged() {
        String path = "/cgi-bin/message/custom/send";

        assertThat(CgiPath.requireValid(path)).isSameAs(path);
    }

    @Test
    void problem_validPath_isEmpty() {
        assertThat(CgiPath.problem("/wxa/msg_sec_check")).isEmpty();
    }

    @Test
    void requireValid_null_asksForThePath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid(null))
                .withMessage("cgi_path is null: give the API's path, e.g. '/cgi-bin/message/custom/send'");
    }

    @Test
    void requireValid_empty_asksForThePath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid(""))
                .withMessage("cgi_path is empty: give the API's path, e.g. '/cgi-bin/message/custom/send'");
    }

    @Test
    void requireValid_blank_quotesItAndAsksForThePath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("  "))
                .withMessage("cgi_path '  ' is blank: give the API's path, e.g. '/cgi-bin/message/custom/send'");
    }

    @Test
    void requireValid_surroundingWhitespace_suggestsTrimmedPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid(" /cgi-bin/menu/create\t"))
                .withMessage("cgi_path ' /cgi-bin/menu/create\t' contains whitespace: use '/cgi-bin/menu/create'");
    }

    @Test
    void requireValid_whitespaceInside_suggestsPathWithoutIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("/cgi-bin/menu /create"))
                .withMessage("cgi_path '/cgi-bin/menu /create' contains whitespace: use '/cgi-bin/menu/create'");
    }

    @Test
    void requireValid_noBreakSpace_isWhitespace() {
        assertThat(CgiPath.problem("/cgi-bin/menu/create\u00A0")).get(STRING)
                .contains("contains whitespace");
    }

    @Test
    void requireValid_missingLeadingSlash_explainsAndSuggestsPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("cgi-bin/menu/create"))
                .withMessage("cgi_path 'cgi-bin/menu/create' must start with '/': use '/cgi-bin/menu/create'"
                        + " (WeChat answers 76003 otherwise)");
    }

    @Test
    void requireValid_withHostPrefix_explainsAndSuggestsPath() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CgiPath.requireValid("https://api.weixin.qq.com/cgi-bin/menu/create"))
                .withMessage("cgi_path 'https://api.weixin.qq.com/cgi-bin/menu/create' must not include a scheme or"
                        + " host: drop the prefix 'https://api.weixin.qq.com' and use '/cgi-bin/menu/create'"
                        + " (WeChat answers 76003 to a host prefix)");
    }

    @Test
    void requireValid_hostWithoutScheme_isAHostPrefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("api.weixin.qq.com/cgi-bin/token"))
                .withMessageContaining("drop the prefix 'api.weixin.qq.com' and use '/cgi-bin/token'");
    }

    @Test
    void requireValid_protocolRelativeHost_isAHostPrefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("//api.weixin.qq.com/cgi-bin/token"))
                .withMessageContaining("drop the prefix '//api.weixin.qq.com' and use '/cgi-bin/token'");
    }

    @Test
    void requireValid_hostPrefixAndQuery_suggestsBarePathAndMasksToken() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CgiPath.requireValid(
                        "https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=SECRET123"))
                .withMessage("cgi_path 'https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=***' must"
                        + " not include a scheme or host: drop the prefix 'https://api.weixin.qq.com' and use"
                        + " '/cgi-bin/message/custom/send' (WeChat answers 76003 to a host prefix)")
                .withMessageNotContaining("SECRET123");
    }

    @Test
    void requireValid_queryString_explainsAndMasksToken() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CgiPath.requireValid("/cgi-bin/menu/create?access_token=SECRET123&lang=zh_CN"))
                .withMessage("cgi_path '/cgi-bin/menu/create?access_token=***&lang=zh_CN' must not include a query"
                        + " string: drop '?access_token=***&lang=zh_CN' and use '/cgi-bin/menu/create' (the"
                        + " access_token and other parameters are added per call)");
    }

    @Test
    void requireValid_querySecret_isMasked() {
        assertThat(CgiPath.problem("/cgi-bin/token?grant_type=client_credential&secret=abc&appid=wx1"))
                .get(STRING)
                .contains("grant_type=client_credential&secret=***&appid=wx1")
                .doesNotContain("abc");
    }

    @Test
    void requireValid_fragment_explainsAndSuggestsPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("/cgi-bin/menu/create#top"))
                .withMessage("cgi_path '/cgi-bin/menu/create#top' must not include a fragment: drop '#top' and use"
                        + " '/cgi-bin/menu/create'");
    }

    @Test
    void requireValid_doubleSlash_suggestsSingleSlash() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("/cgi-bin//menu/create"))
                .withMessage("cgi_path '/cgi-bin//menu/create' must not contain '//': use '/cgi-bin/menu/create'");
    }

    @Test
    void requireValid_leadingDoubleSlashWithoutHost_isADoubleSlash() {
        assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid("//cgi-bin/menu/create"))
                .withMessage("cgi_path '//cgi-bin/menu/create' must not contain '//': use '/cgi-bin/menu/create'");
    }

    @Test
    void problem_invalidPath_isTheMessageRequireValidThrows() {
        String path = "cgi-bin/token";

        assertThat(CgiPath.problem(path)).hasValueSatisfying(problem ->
                assertThatIllegalArgumentException().isThrownBy(() -> CgiPath.requireValid(path)).withMessage(problem));
    }

    @Test
    void isSns_oauthPath_isTrue() {
        assertThat(CgiPath.isSns("/sns/oauth2/access_token")).isTrue();
    }

    @Test
    void isSns_cgiBinPath_isFalse() {
        assertThat(CgiPath.isSns("/cgi-bin/message/custom/send")).isFalse();
    }

    @Test
    void isSns_null_isRejected() {
        assertThatNullPointerException().isThrownBy(() -> CgiPath.isSns(null));
    }
}
