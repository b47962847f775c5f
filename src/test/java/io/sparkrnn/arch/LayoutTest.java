package io.sparkrnn.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout by capability, checked on the compiled classes (ArchUnit) and on the import lines
 * of the sources: a task package (every top-level package but core, nn, demo and bench) uses
 * core and nn and never another task; core and nn use no task; core does not use nn; and no
 * two packages depend on each other in a cycle.
 */
class LayoutTest {
    private static final String ROOT = "io.sparkrnn";
    private static final Set<String> SHARED = Set.of("core", "nn");
    private static final Set<String> NOT_TASKS = Set.of("core", "nn", "demo", "bench");
    private static JavaClasses classes;
    private static List<String> tasks;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        Set<String> top = new TreeSet<>();
        for (JavaClass c : classes) {
            String rest = c.getPackageName().substring(ROOT.length() + 1);
            top.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        }
        tasks = top.stream().filter(p -> !NOT_TASKS.contains(p)).toList();
    }

    @Test
    void theTasksAreThere() {
        assertTrue(tasks.containsAll(List.of("lm", "forecast", "classify", "caption", "seq2seq")), "task packages found: " + tasks);
    }

    @Test
    void aTaskUsesNoOtherTask() {
        for (String task : tasks) {
            String[] others = tasks.stream().filter(t -> !t.equals(task)).map(t -> ROOT + "." + t + "..")
                    .toArray(String[]::new);
            EvaluationResult r = noClasses().that().resideInAPackage(ROOT + "." + task + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a task uses core and nn; what two tasks share belongs in core")
                    .evaluate(classes);
            assertFalse(r.hasViolation(), r.getFailureReport().toString());
        }
    }

    @Test
    void coreAndNnUseNoTask() {
        List<String> above = new ArrayList<>(tasks.stream().map(t -> ROOT + "." + t + "..").toList());
        above.add(ROOT + ".demo..");
        above.add(ROOT + ".bench..");
        for (String shared : SHARED) {
            EvaluationResult r = noClasses().that().resideInAPackage(ROOT + "." + shared + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .evaluate(classes);
            assertFalse(r.hasViolation(), r.getFailureReport().toString());
        }
        EvaluationResult r = noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".nn..")
                .because("the recurrent layers build on core, not the other way round").evaluate(classes);
        assertFalse(r.hasViolation(), r.getFailureReport().toString());
    }

    @Test
    void noPackageCycles() {
        EvaluationResult r = slices().matching(ROOT + ".(**)").should().beFreeOfCycles().evaluate(classes);
        assertFalse(r.hasViolation(), r.getFailureReport().toString());
    }

    /** The same rule on the sources' import lines, which an unused import leaves out of the classes. */
    @Test
    void noSourceImportsAnotherTask() throws IOException {
        Pattern imports = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.", Pattern.MULTILINE);
        List<String> crossings = new ArrayList<>();
        Path main = Path.of("src/main/java/io/sparkrnn");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String own = main.relativize(f).getName(0).toString();
                Matcher m = imports.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    boolean taskToTask = tasks.contains(own) && tasks.contains(used) && !used.equals(own);
                    boolean sharedToTask = SHARED.contains(own) && !SHARED.contains(used);
                    if (taskToTask || sharedToTask) {
                        crossings.add(main.relativize(f) + " imports " + ROOT + "." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), crossings, crossings.size() + " import(s) cross the layout");
    }
}
