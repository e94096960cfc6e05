package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the simulator's tests: real requests, replies as JSON. */
final class WeChatHttp {

    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "test-secret-0123";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI base;

    WeChatHttp(WeChatSimulator simulator) {
        this.base = simulator.baseUri();
    }

    JsonNode get(String pathAndQuery) {
        return json(send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET()));
    }

    JsonNode post(String pathAndQuery, String body) {
        return json(send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** POSTs to a path with the token in the query, as every WeChat API after the token API takes it. */
    JsonNode call(String path, String token, String body) {
        return post(path + "?access_token=" + token, body);
    }

    JsonNode token(String appId, String secret) {
        return get("/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret=" + secret);
    }

    String accessToken() {
        return token(APP_ID, SECRET).get("access_token").asText();
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> raw(String pathAndQuery, String body, Duration timeout) throws IOException,
            InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }
}
