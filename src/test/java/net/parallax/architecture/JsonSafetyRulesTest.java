package net.parallax.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces, tours and recovery files are untrusted JSON: Jackson must never pick a class from the
 * input. No application class turns on default typing (any {@code activateDefaultTyping…},
 * {@code enableDefaultTyping…} or {@code setDefaultTyping} on a mapper or its builder) or uses
 * polymorphic type annotations or validators.
 */
class JsonSafetyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.parallax");
    }

    @Test
    void noMapperHasDefaultTyping() {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                boolean mapper = call.getTargetOwner().isAssignableTo(ObjectMapper.class)
                        || call.getTargetOwner().isAssignableTo(MapperBuilder.class);
                String name = call.getName();
                if (mapper && (name.contains("DefaultTyping") || name.equals("setPolymorphicTypeValidator"))) {
                    violations.add(call.getDescription());
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(classes.size()).as("the application classes were imported").isGreaterThan(100);
    }

    @Test
    void noClassUsesPolymorphicTypeHandling() {
        noClasses().should().dependOnClassesThat().areAssignableTo(JsonTypeInfo.class)
                .orShould().dependOnClassesThat().areAssignableTo(JsonSubTypes.class)
                .orShould().dependOnClassesThat().areAssignableTo(PolymorphicTypeValidator.class)
                .check(classes);
    }
}
