package io.github.wechatquota.processor;

import io.github.wechatquota.catalog.QuotaCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Checks every {@code @WeChatApi} at compile time and writes the index {@code META-INF/wechat-quota/apis.json} of the
 * annotated methods. Registered through {@code META-INF/services/javax.annotation.processing.Processor}; an aggregating
 * processor for Gradle's incremental compilation.
 *
 * <p>Each method's own checks run in the round that finds it; the checks across methods and the index wait for the
 * last round, when every method of the compilation is known. The diagnostics and their fixes are listed in the
 * README; each reads {@code @WeChatApi <member>: <what is wrong>: <the fix>}.
 */
public final class WeChatApiProcessor extends AbstractProcessor {

    private final List<AnnotatedApi> apis = new ArrayList<>();
    private ApiChecks checks;

    /** For the service loader. */
    public WeChatApiProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(ApiAnnotation.TYPE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ApiAnnotation.TYPE);
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() == ElementKind.METHOD) {
                    check((ExecutableElement) element);
                }
            }
        }
        if (round.processingOver()) {
            finish();
        }
        return true;
    }

    private void check(ExecutableElement method) {
        Elements elements = processingEnv.getElementUtils();
        Types types = processingEnv.getTypeUtils();
        Optional<ApiAnnotation> found = ApiAnnotation.of(method, elements);
        Optional<ApiValues> values = found.flatMap(ApiAnnotation::values);
        if (values.isEmpty()) {
            return;
        }
        checks().check(found.get(), values.get(), new Report(processingEnv.getMessager(), found.get()));
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        apis.add(new AnnotatedApi(owner.getQualifiedName().toString(), elements.getBinaryName(owner).toString(),
                method.getSimpleName().toString(), TypeNames.runtimeParameterTypes(method, types, elements),
                values.get()));
    }

    private ApiChecks checks() {
        if (checks == null) {
            checks = new ApiChecks(new FallbackCheck(processingEnv.getElementUtils(), processingEnv.getTypeUtils()),
                    catalog());
        }
        return checks;
    }

    private QuotaCatalog catalog() {
        try {
            return QuotaCatalog.builtIn();
        } catch (RuntimeException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "@WeChatApi: the built-in catalog could"
                    + " not be read, so cgi_paths are not compared with it (" + e.getMessage() + "): put"
                    + " wechat-quota-core's jar, unchanged, on the annotation processor path");
            return null;
        }
    }

    private void finish() {
        if (apis.isEmpty()) {
            return;
        }
        apis.sort(AnnotatedApi.ORDER);
        Set<Element> originating = new LinkedHashSet<>();
        for (AnnotatedApi api : apis) {
            locate(api).ifPresent(located -> originating.add(located.method.getEnclosingElement()));
        }
        for (Map.Entry<AnnotatedApi, String> conflict : DailyLimitConflicts.find(apis).entrySet()) {
            Optional<ApiAnnotation> located = locate(conflict.getKey());
            if (located.isPresent()) {
                new Report(processingEnv.getMessager(), located.get()).error("dailyLimit", conflict.getValue());
            } else {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "@WeChatApi dailyLimit on " + conflict.getKey().place() + ": " + conflict.getValue());
            }
        }
        writeIndex(originating.toArray(new Element[0]));
    }

    /**
     * The annotation of {@code api}, found again from its names: elements of earlier rounds are not guaranteed to stay
     * valid.
     */
    private Optional<ApiAnnotation> locate(AnnotatedApi api) {
        Elements elements = processingEnv.getElementUtils();
        TypeElement type = elements.getTypeElement(api.type());
        if (type == null) {
            return Optional.empty();
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getSimpleName().contentEquals(api.method()) && api.parameterTypes()
                    .equals(TypeNames.runtimeParameterTypes(method, processingEnv.getTypeUtils(), elements))) {
                return ApiAnnotation.of(method, elements);
            }
        }
        return Optional.empty();
    }

    private void writeIndex(Element[] originating) {
        Messager messager = processingEnv.getMessager();
        try {
            FileObject index = processingEnv.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", ApisIndex.LOCATION, originating);
            try (OutputStream out = index.openOutputStream()) {
                out.write(ApisIndex.json(apis).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            messager.printMessage(Diagnostic.Kind.ERROR, "@WeChatApi: could not write " + ApisIndex.LOCATION + " ("
                    + e + "): check that the class output directory is writable and that no other processor writes"
                    + " that file");
        }
    }
}
