package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Jackson 3 trees, what a Spring Boot 4 client decodes a reply to (Jackson 2's are in DefaultsFromResultTest). */
class JacksonTreesTest {

    private final ErrcodeExtractor extractor = ErrcodeExtractor.defaults();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private JsonNode tree(String json) {
        return mapper.readTree(json);
    }

    @Test
    void fromResult_jackson3NodeWithNumericErrcode_returnsIt() {
        assertThat(extractor.fromResult(tree("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}")))
                .isEqualTo(45009);
    }

    @Test
    void fromResult_jackson3NodeWithTextErrcode_returnsIt() {
        assertThat(extractor.fromResult(tree("{\"errcode\":\"45011\"}"))).isEqualTo(45011);
    }

    @Test
    void fromResult_jackson3NodeWithErrCodeField_returnsIt() {
        assertThat(extractor.fromResult(tree("{\"errCode\":-1,\"errMsg\":\"busy\"}"))).isEqualTo(-1);
    }

    @Test
    void fromResult_jackson3NodeWithWholeDoubleErrcode_returnsIt() {
        assertThat(extractor.fromResult(tree("{\"errcode\":45009.0}"))).isEqualTo(45009);
    }

    @Test
    void fromResult_jackson3NodeWithErrcodeBeyondInt_returnsNone() {
        assertThat(extractor.fromResult(tree("{\"errcode\":12345678901234}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jackson3NodeWithNonNumericErrcode_returnsNone() {
        assertThat(extractor.fromResult(tree("{\"errcode\":\"busy\"}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jackson3NodeWithObjectErrcode_returnsNone() {
        assertThat(extractor.fromResult(tree("{\"errcode\":{\"code\":45009}}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jackson3NodeWithoutErrcode_returnsNone() {
        assertThat(extractor.fromResult(tree("{\"quota_num\":210}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jackson3ArrayOrScalar_returnsNone() {
        assertThat(extractor.fromResult(tree("[45009]"))).isEqualTo(NONE);
        assertThat(extractor.fromResult(JsonNodeFactory.instance.numberNode(45009))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jackson3NodeBuiltInCode_returnsIt() {
        assertThat(extractor.fromResult(JsonNodeFactory.instance.objectNode().put("errcode", 45009)))
                .isEqualTo(45009);
    }
}
