package io.github.wechatquota.spring.http;

import io.github.wechatquota.token.AccessTokenProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds {@code access_token} to every request of a {@code RestClient} (and so of the HTTP service clients made on it),
 * from an {@link AccessTokenProvider}: the guard's, {@code guard.accessTokens()}, so that a token WeChat rejects is
 * refreshed before the guard retries. The token is the default account's, or that of the account a request names in
 * the header {@value #APP_ID_HEADER} ({@code @RequestHeader(APP_ID_HEADER) String appId} on an {@code @HttpExchange}
 * method), which is not sent on.
 */
public final class AccessTokenRequestInterceptor implements ClientHttpRequestInterceptor {

    /** Names the account a request is made for; taken off the request before it is sent. */
    public static final String APP_ID_HEADER = "X-WeChat-AppId";

    private final AccessTokenProvider tokens;
    private final String appId;

    /**
     * @param tokens where tokens come from: {@code guard.accessTokens()}
     * @param appId  the account of requests that name none
     */
    public AccessTokenRequestInterceptor(AccessTokenProvider tokens, String appId) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.appId = Objects.requireNonNull(appId, "appId");
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String named = request.getHeaders().getFirst(APP_ID_HEADER);
        String token = tokens.getAccessToken(named != null ? named : appId);
        // Every reserved character encoded (a '+' would reach WeChat as a space).
        URI uri = UriComponentsBuilder.fromUri(request.getURI())
                .queryParam("access_token", URLEncoder.encode(token, StandardCharsets.UTF_8))
                .build(true).toUri();
        HttpHeaders headers = withoutAppId(request.getHeaders());
        return execution.execute(new HttpRequestWrapper(request) {
            @Override
            public URI getURI() {
                return uri;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        }, body);
    }

    /** A copy without {@link #APP_ID_HEADER}; copied (not removed) the same way on Spring Framework 6 and 7. */
    private static HttpHeaders withoutAppId(HttpHeaders original) {
        HttpHeaders copy = new HttpHeaders();
        original.forEach((name, values) -> {
            if (!APP_ID_HEADER.equalsIgnoreCase(name)) {
                copy.addAll(name, values);
            }
        });
        return copy;
    }

    @Override
    public String toString() {
        return "AccessTokenRequestInterceptor[appId=" + appId + "]";
    }
}
