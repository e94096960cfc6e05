package io.github.wechatquota.spring.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

class AccessTokenRequestInterceptorTest {

    private final AccessTokenRequestInterceptor interceptor =
            new AccessTokenRequestInterceptor(appId -> "token-of-" + appId, "wx0123456789abcdef");

    private HttpRequest sent(MockClientHttpRequest request) throws Exception {
        AtomicReference<HttpRequest> sent = new AtomicReference<>();
        interceptor.intercept(request, new byte[0], (outgoing, body) -> {
            sent.set(outgoing);
            return new MockClientHttpResponse(new byte[0], 200);
        });
        return sent.get();
    }

    @Test
    void intercept_addsTheDefaultAccountsTokenAndKeepsTheQuery() throws Exception {
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST,
                URI.create("https://api.weixin.qq.com/cgi-bin/user/get?next_openid=o1"));

        assertThat(sent(request).getURI()).hasToString(
                "https://api.weixin.qq.com/cgi-bin/user/get?next_openid=o1&access_token=token-of-wx0123456789abcdef");
    }

    @Test
    void intercept_usesTheAccountTheHeaderNamesAndDoesNotSendTheHeader() throws Exception {
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST,
                URI.create("https://api.weixin.qq.com/cgi-bin/user/get"));
        request.getHeaders().set(AccessTokenRequestInterceptor.APP_ID_HEADER, "wxfedcba9876543210");
        request.getHeaders().set("Content-Type", "application/json");

        HttpRequest sent = sent(request);

        assertThat(sent.getURI().getQuery()).isEqualTo("access_token=token-of-wxfedcba9876543210");
        assertThat(sent.getHeaders().getFirst(AccessTokenRequestInterceptor.APP_ID_HEADER)).isNull();
        assertThat(sent.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void intercept_encodesATokenThatNeedsIt() throws Exception {
        AccessTokenRequestInterceptor plusToken = new AccessTokenRequestInterceptor(appId -> "a+b/c=", "wx1");
        AtomicReference<HttpRequest> sent = new AtomicReference<>();
        plusToken.intercept(new MockClientHttpRequest(HttpMethod.GET, URI.create("https://h/p")), new byte[0],
                (outgoing, body) -> {
                    sent.set(outgoing);
                    return new MockClientHttpResponse(new byte[0], 200);
                });

        assertThat(sent.get().getURI().getRawQuery()).isEqualTo("access_token=a%2Bb%2Fc%3D");
    }

    @Test
    void toString_namesTheAccountButNoToken() {
        assertThat(interceptor.toString()).contains("wx0123456789abcdef").doesNotContain("token-of");
    }
}
