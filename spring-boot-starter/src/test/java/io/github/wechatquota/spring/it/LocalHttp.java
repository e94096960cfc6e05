package io.github.wechatquota.spring.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * The running application over HTTP, with the few TestRestTemplate methods the tests use: bodies are read as text or
 * with Jackson 2 whatever JSON library the Spring Boot line under test prefers, so one test source serves both lines.
 */
final class LocalHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    LocalHttp(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    <T> T getForObject(String path, Class<T> type) {
        return getForEntity(path, type).getBody();
    }

    <T> ResponseEntity<T> getForEntity(String path, Class<T> type) {
        return exchange(request(path).GET().build(), type);
    }

    <T> T postForObject(String path, HttpEntity<?> body, Class<T> type) {
        return postForEntity(path, body, type).getBody();
    }

    <T> ResponseEntity<T> postForEntity(String path, HttpEntity<?> body, Class<T> type) {
        try {
            return exchange(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body.getBody()))).build(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
    }

    private <T> ResponseEntity<T> exchange(HttpRequest request, Class<T> type) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            T value = body == null || body.isEmpty() ? null
                    : type == String.class ? type.cast(body) : JSON.readValue(body, type);
            return ResponseEntity.status(HttpStatusCode.valueOf(response.statusCode())).body(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
    }
}
