package net.parallax.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the no-network child JVM test ({@code cli.NoNetworkTest}) cannot trap on Java 17: DNS
 * look-ups. No application class may resolve a name or reverse-resolve an address (an address
 * from a capture is printed as digits, never looked up); the only getByName calls allowed are the
 * two that pass an IPv6 literal. And no Java serialization anywhere.
 */
class NoNetworkRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.parallax");
    }

    /** Methods that call InetAddress.getByName only with a string holding ':', which the JDK parses as an IPv6 literal. */
    private static final Set<String> IPV6_LITERAL_ONLY = Set.of(
            "net.parallax.capture.IpAddress.parse(java.lang.String)",
            "net.parallax.filter.Parser.ipv6(java.lang.String, net.parallax.filter.Token)");
    private static final Set<String> LOOKUPS = Set.of("getByName", "getAllByName", "getLocalHost", "getHostName",
            "getCanonicalHostName");

    @Test
    void noClassLooksUpAHostName() {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                boolean lookup = call.getTargetOwner().isAssignableTo(InetAddress.class)
                        && LOOKUPS.contains(call.getName());
                String origin = call.getOrigin().getFullName();
                boolean allowed = call.getName().equals("getByName") && IPV6_LITERAL_ONLY.contains(origin);
                if (lookup && !allowed) {
                    violations.add(call.getDescription());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noClassUsesJavaSerialization() {
        noClasses().should().dependOnClassesThat().areAssignableTo(ObjectInputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(ObjectOutputStream.class)
                .check(classes);
    }
}
