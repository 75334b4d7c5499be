package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The meta-test of STYLE section 7: every differentiable primitive in {@link Primitive}'s {@code
 * permits} clause has a first-order gradient property and a grad-of-grad property. Coverage is
 * read from the {@link Covers} marks on {@code @Property} methods of the gradient test classes.
 */
class PrimitiveCoverageTest {

    /** The masks: piecewise constant, never traced, so they need no gradient property. */
    static final ImmutableSet<Class<?>> NON_DIFFERENTIABLE =
            ImmutableSet.of(Less.class, Equal.class);

    static final List<Class<?>> FIRST_ORDER = List.of(
            ElementwiseGradientTest.class, BinaryGradientTest.class, ReductionGradientTest.class,
            MovementGradientTest.class, LinearAlgebraGradientTest.class, CustomOpTest.class,
            MovementOpsGradientTest.class, IndexingGradientTest.class,
            MathGradientTest.class, ReductionOpsGradientTest.class,
            NetworkGradientTest.class, LinalgOpsGradientTest.class);

    static final List<Class<?>> SECOND_ORDER =
            List.of(SecondOrderGradientTest.class, CustomOpTest.class,
                    MovementIndexingSecondOrderTest.class, MathSecondOrderGradientTest.class,
                    NetworkSecondOrderGradientTest.class);

    @Test
    void everyDifferentiablePrimitiveHasAGradientProperty() {
        assertEquals(Set.of(), uncovered(covered(FIRST_ORDER)),
                "differentiable primitives without a @Covers-marked gradient property");
    }

    @Test
    void everyDifferentiablePrimitiveHasAGradOfGradProperty() {
        assertEquals(Set.of(), uncovered(covered(SECOND_ORDER)),
                "differentiable primitives without a @Covers-marked grad-of-grad property");
    }

    /** The check can fail: without the properties that mark Tanh, Tanh is reported. */
    @Test
    void coverageCheckReportsAPrimitiveWhoseOnlyPropertyIsMissing() {
        Set<Class<?>> withoutTanh = Sets.difference(covered(FIRST_ORDER), Set.of(Tanh.class));
        assertEquals(Set.of(Tanh.class), uncovered(withoutTanh));
        assertEquals(Set.of(Pow.class, Log1p.class), uncovered(
                Sets.difference(covered(FIRST_ORDER), Set.of(Pow.class, Log1p.class))));
    }

    @Test
    void coverageCheckReportsEverythingForAnEmptyTestClass() {
        Set<Class<?>> none = covered(List.of(PrimitiveCoverageTest.class));
        assertTrue(none.isEmpty());
        assertEquals(differentiable(), uncovered(none));
    }

    /** The list of exclusions matches the primitives that declare themselves non-differentiable. */
    @Test
    void exactlyTheMasksOverrideIsDifferentiable() throws ReflectiveOperationException {
        for (Class<?> primitive : Primitive.class.getPermittedSubclasses()) {
            boolean overrides = Arrays.stream(primitive.getDeclaredMethods())
                    .anyMatch(method -> method.getName().equals("isDifferentiable"));
            assertEquals(NON_DIFFERENTIABLE.contains(primitive), overrides, primitive.getName());
        }
        assertFalse(new Less().isDifferentiable());
        assertFalse(new Equal().isDifferentiable());
        assertTrue(new Tanh().isDifferentiable());
    }

    /** A mark must sit on a property, or it would claim coverage that nothing checks. */
    @Test
    void coversMarksSitOnlyOnProperties() {
        for (Class<?> testClass : Sets.union(Set.copyOf(FIRST_ORDER), Set.copyOf(SECOND_ORDER))) {
            for (Method method : testClass.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Covers.class)) {
                    assertTrue(method.isAnnotationPresent(Property.class),
                            testClass.getSimpleName() + "." + method.getName());
                }
            }
        }
    }

    static Set<Class<?>> differentiable() {
        return Sets.difference(
                Set.of(Primitive.class.getPermittedSubclasses()), NON_DIFFERENTIABLE);
    }

    static Set<Class<?>> uncovered(Set<Class<?>> covered) {
        return Set.copyOf(Sets.difference(differentiable(), covered));
    }

    /** The primitives named by {@code @Covers} on the {@code @Property} methods of the classes. */
    static Set<Class<?>> covered(List<Class<?>> testClasses) {
        ImmutableSet.Builder<Class<?>> covered = ImmutableSet.builder();
        for (Class<?> testClass : testClasses) {
            for (Method method : testClass.getDeclaredMethods()) {
                Covers covers = method.getAnnotation(Covers.class);
                if (covers != null && method.isAnnotationPresent(Property.class)) {
                    covered.add(covers.value());
                }
            }
        }
        return covered.build();
    }
}
