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

/** A query parameter that, when given, is an ISO date ({@code 2020-08-20}) or date-time with an offset. */
@Documented
@Constraint(validatedBy = IsoDate.Check.class)
@Target({ PARAMETER, FIELD })
@Retention(RUNTIME)
public @interface IsoDate {

    String message() default "must be an ISO date (2020-08-20) or date-time (2020-08-20T14:00:00Z)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<IsoDate, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || Params.time(value, false) != null;
        }
    }
}
