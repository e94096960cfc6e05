package io.github.wechatquota.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Whether {@code fallbackMethod} names a method the run time will find and can call: the rules of
 * {@code io.github.wechatquota.engine.AnnotatedMethod}, on mirrors. The fallback is declared in the same type (any
 * access) or inherited public; it takes the annotated method's parameter types (erased), optionally plus a trailing
 * {@code QuotaExhaustedException}; its return type is assignable to the annotated method's (primitives: the same). In
 * an interface (a Feign client) it must be a default method, which the client calls on its proxy.
 */
final class FallbackCheck {

    static final String EXCEPTION = "io.github.wechatquota.QuotaExhaustedException";
    private static final String EXCEPTION_PARAMETER = "QuotaExhaustedException";

    private final Elements elements;
    private final Types types;

    FallbackCheck(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** What is wrong with {@code name} as the fallback of {@code method}, with the fix; empty when it is usable. */
    Optional<String> problem(ExecutableElement method, String name) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        List<ExecutableElement> named = new ArrayList<>();
        for (ExecutableElement candidate : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
            if (candidate.getSimpleName().contentEquals(name)) {
                named.add(candidate);
            }
        }
        if (named.isEmpty()) {
            return Optional.of(owner.getSimpleName() + " has no method '" + name + "': declare "
                    + suggestion(method, name));
        }
        String firstProblem = null;
        for (ExecutableElement candidate : named) {
            if (!takesParametersOf(candidate, method)) {
                continue;
            }
            String problem = usability(candidate, method, owner);
            if (problem == null) {
                return Optional.empty();
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        if (firstProblem != null) {
            return Optional.of(firstProblem);
        }
        String found = named.stream().map(TypeNames::signature).collect(Collectors.joining(", "));
        return Optional.of(found + " in " + owner.getSimpleName() + " does not take the parameters of "
                + TypeNames.signature(method) + ": declare " + suggestion(method, name));
    }

    /** {@code 'default String name(String message)' in Client, optionally with ...}: the declaration to add. */
    String suggestion(ExecutableElement method, String name) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        String prefix = owner.getKind().isInterface() ? "default " : "";
        return "'" + prefix + TypeNames.declaration(method.getReturnType(), name, method) + "' in "
                + owner.getSimpleName() + ", optionally with a trailing " + EXCEPTION_PARAMETER + " parameter";
    }

    /** Why a candidate with the right parameters cannot be called, or null when it can. */
    private String usability(ExecutableElement candidate, ExecutableElement method, TypeElement owner) {
        String fallback = TypeNames.signature(candidate);
        if (candidate.equals(method)) {
            return "'" + method.getSimpleName() + "' is the annotated method itself: name another method, which is"
                    + " called instead when the quota is used up";
        }
        if (owner.getKind().isInterface()) {
            if (!candidate.getModifiers().contains(Modifier.DEFAULT)) {
                return fallback + " in " + candidate.getEnclosingElement().getSimpleName() + " is " + kindOf(candidate)
                        + ": make it a default method (the client calls the fallback on its proxy)";
            }
        } else if (!candidate.getEnclosingElement().equals(owner) && !candidate.getModifiers().contains(Modifier.PUBLIC)) {
            return fallback + " is inherited from " + candidate.getEnclosingElement().getSimpleName()
                    + " but is not public, so it is not found at run time: make it public, or declare it in "
                    + owner.getSimpleName();
        }
        if (!returnsInto(candidate.getReturnType(), method.getReturnType())) {
            TypeMirror wanted = method.getReturnType();
            return fallback + " returns " + TypeNames.simple(candidate.getReturnType()) + " but "
                    + method.getSimpleName() + " returns " + TypeNames.simple(wanted) + ": make "
                    + candidate.getSimpleName() + " return " + TypeNames.simple(wanted)
                    + (wanted.getKind() == TypeKind.DECLARED || wanted.getKind() == TypeKind.ARRAY
                            || wanted.getKind() == TypeKind.TYPEVAR ? " or a subtype" : "");
        }
        return null;
    }

    private static String kindOf(ExecutableElement method) {
        if (method.getModifiers().contains(Modifier.STATIC)) {
            return "static";
        }
        return method.getModifiers().contains(Modifier.PRIVATE) ? "private" : "abstract";
    }

    private boolean takesParametersOf(ExecutableElement candidate, ExecutableElement method) {
        int count = method.getParameters().size();
        int candidateCount = candidate.getParameters().size();
        if (candidateCount != count && candidateCount != count + 1) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!sameErasure(candidate.getParameters().get(i).asType(), method.getParameters().get(i).asType())) {
                return false;
            }
        }
        if (candidateCount == count) {
            return true;
        }
        TypeMirror last = types.erasure(candidate.getParameters().get(count).asType());
        TypeElement exception = elements.getTypeElement(EXCEPTION);
        return exception != null ? types.isSameType(last, types.erasure(exception.asType()))
                : last.toString().equals(EXCEPTION);
    }

    private boolean sameErasure(TypeMirror a, TypeMirror b) {
        return types.isSameType(types.erasure(a), types.erasure(b));
    }

    /** Whether what {@code fallback} returns can be returned by the annotated method: as the run time checks it. */
    private boolean returnsInto(TypeMirror fallback, TypeMirror wanted) {
        if (wanted.getKind() == TypeKind.VOID || fallback.getKind() == TypeKind.VOID) {
            return wanted.getKind() == fallback.getKind();
        }
        if (wanted.getKind().isPrimitive() || fallback.getKind().isPrimitive()) {
            return types.isSameType(wanted, fallback);
        }
        return types.isAssignable(types.erasure(fallback), types.erasure(wanted));
    }
}
