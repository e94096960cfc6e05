package io.github.wechatquota.processor;

import java.util.Comparator;
import java.util.List;

/**
 * One annotated method, as plain data that outlives the processing round it was found in.
 *
 * @param type the declaring type's canonical name ({@code com.example.Outer.Client}), as messages name it
 * @param binaryType the declaring type's binary name ({@code com.example.Outer$Client}), as {@code Class.forName}
 *     takes it
 * @param method the method's name
 * @param parameterTypes the erased parameter types, as {@code Class.getTypeName()} prints them
 * @param values the annotation's values
 */
record AnnotatedApi(String type, String binaryType, String method, List<String> parameterTypes, ApiValues values) {

    /** The index's order: type, then method, then parameter types. */
    static final Comparator<AnnotatedApi> ORDER = Comparator.comparing(AnnotatedApi::binaryType)
            .thenComparing(AnnotatedApi::method)
            .thenComparing(api -> String.join(",", api.parameterTypes()));

    AnnotatedApi {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** {@code Type#method}, as a message names the place. */
    String place() {
        return type + "#" + method;
    }
}
