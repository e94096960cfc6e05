package io.github.wechatquota.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.RequestTemplate;
import feign.Response;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * The admin client's wire format: request bodies written as JSON, replies read as a {@link JsonNode} object. What each
 * reply means is {@link Replies}' business; this class only tells a JSON object from no answer at all.
 */
final class JsonCodec implements Encoder, Decoder, ErrorDecoder {

    /** Admin replies are a few hundred bytes; a megabyte is no WeChat answer, and must not fill the heap. */
    static final int MAX_REPLY_BYTES = 1 << 20;
    /** An error page is read only as far as a message can show it, with room for redaction to shorten it. */
    private static final int MAX_ERROR_BODY_BYTES = 8 << 10;

    private final ObjectMapper mapper;

    JsonCodec() {
        this.mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        try {
            template.body(mapper.writeValueAsBytes(object), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // The bodies are ObjectNodes of strings and booleans, so this is a bug; the value may hold a secret.
            throw new EncodeException("Could not write the request body as JSON");
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        byte[] body = read(response, MAX_REPLY_BYTES + 1);
        if (body.length > MAX_REPLY_BYTES) {
            throw new UnusableReplyException("WeChat's reply was larger than " + MAX_REPLY_BYTES + " bytes",
                    new String(body, 0, Operation.BODY_SHOWN * 4, StandardCharsets.UTF_8));
        }
        return parse(new String(body, StandardCharsets.UTF_8), response.status());
    }

    /** The reply body as a JSON object, or {@link UnusableReplyException} saying why it is none. */
    JsonNode parse(String body, int status) {
        if (body.isBlank()) {
            throw new UnusableReplyException("WeChat's reply was empty (HTTP " + status + ")", "");
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new UnusableReplyException("WeChat's reply was malformed (not JSON)", body);
        }
        if (json == null || !json.isObject()) {
            throw new UnusableReplyException("WeChat's reply was malformed (not a JSON object)", body);
        }
        return json;
    }

    /** Any status outside 2xx: WeChat answers its errors with 200, so this is a gateway or an outage. */
    @Override
    public Exception decode(String methodKey, Response response) {
        String body;
        try {
            body = new String(read(response, MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            body = "";
        }
        String reason = response.reason() == null || response.reason().isBlank() ? "" : " " + response.reason();
        return new UnusableReplyException("WeChat answered HTTP " + response.status() + reason, body);
    }

    private static byte[] read(Response response, int limit) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(limit);
        }
    }
}
