package io.quotewire.query.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A query parameter that, when given, is one of {@code value}, ignoring case and surrounding spaces. */
@Documented
@Constraint(validatedBy = OneOf.Check.class)
@Target({ PARAMETER, FIELD })
@Retention(RUNTIME)
public @interface OneOf {

    String[] value();

    String message() default "must be one of {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<OneOf, String> {

        private List<String> allowed;

        @Override
        public void initialize(OneOf oneOf) {
            allowed = List.of(oneOf.value());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value.trim()));
        }
    }
}
