package io.github.wechatquota.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** How types and methods are written: short in messages, runtime names in the index. */
final class TypeNames {

    private TypeNames() {
    }

    /** {@code List<String>}, {@code int[]}, {@code T}: the type as a user writes it in source. */
    static String simple(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                String name = declared.asElement().getSimpleName().toString();
                if (declared.getTypeArguments().isEmpty()) {
                    return name;
                }
                return declared.getTypeArguments().stream().map(TypeNames::simple)
                        .collect(Collectors.joining(", ", name + "<", ">"));
            }
            case ARRAY -> {
                return simple(((ArrayType) type).getComponentType()) + "[]";
            }
            case TYPEVAR -> {
                return ((TypeVariable) type).asElement().getSimpleName().toString();
            }
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + simple(wildcard.getExtendsBound());
                }
                return wildcard.getSuperBound() != null ? "? super " + simple(wildcard.getSuperBound()) : "?";
            }
            default -> {
                return type.toString();
            }
        }
    }

    /** {@code java.lang.String}, {@code com.example.Outer$Inner}, {@code int[]}: {@code Class.getTypeName()} of the erasure. */
    static String runtime(TypeMirror type, Types types, Elements elements) {
        TypeMirror erased = types.erasure(type);
        switch (erased.getKind()) {
            case DECLARED -> {
                return elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement()).toString();
            }
            case ARRAY -> {
                return runtime(((ArrayType) erased).getComponentType(), types, elements) + "[]";
            }
            default -> {
                return erased.toString();
            }
        }
    }

    static List<String> runtimeParameterTypes(ExecutableElement method, Types types, Elements elements) {
        List<String> names = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            names.add(runtime(parameter.asType(), types, elements));
        }
        return names;
    }

    /** {@code send(String, int)}. */
    static String signature(ExecutableElement method) {
        return method.getParameters().stream().map(parameter -> simple(parameter.asType()))
                .collect(Collectors.joining(", ", method.getSimpleName() + "(", ")"));
    }

    /** {@code send(String appId, String body)}. */
    static String namedSignature(ExecutableElement method) {
        return method.getSimpleName() + namedParameters(method);
    }

    /** {@code String name(String message, int count)}, ready to paste, with the parameters of {@code parametersOf}. */
    static String declaration(TypeMirror returnType, String name, ExecutableElement parametersOf) {
        return simple(returnType) + " " + name + namedParameters(parametersOf);
    }

    private static String namedParameters(ExecutableElement method) {
        return method.getParameters().stream()
                .map(parameter -> simple(parameter.asType()) + " " + parameter.getSimpleName())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The simple name of the type declaring {@code method}. */
    static String owner(ExecutableElement method) {
        return method.getEnclosingElement().getSimpleName().toString();
    }
}
