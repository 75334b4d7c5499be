package jgrad.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a gradient property with the primitives whose vjp rules it exercises.
 * {@code PrimitiveCoverageTest} reads these marks and fails when a differentiable primitive in
 * {@link Primitive}'s {@code permits} clause has no property, first order or second.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
    /** The primitives the property checks. */
    Class<? extends Primitive>[] value();
}
