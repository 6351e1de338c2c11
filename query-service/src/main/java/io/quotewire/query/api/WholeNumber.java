package io.quotewire.query.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A query parameter that, when given, is a whole number in {@code [min, max]}. Parameters stay strings: a typed
 * parameter that does not convert is a 404 by the Jakarta REST specification, where a 400 is meant.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Check.class)
@Target({ PARAMETER, FIELD })
@Retention(RUNTIME)
public @interface WholeNumber {

    long min() default 0;

    long max() default Integer.MAX_VALUE;

    String message() default "must be a whole number between {min} and {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<WholeNumber, String> {

        private long min;
        private long max;

        @Override
        public void initialize(WholeNumber bounds) {
            min = bounds.min();
            max = bounds.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                long v = Long.parseLong(value.trim());
                return v >= min && v <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
