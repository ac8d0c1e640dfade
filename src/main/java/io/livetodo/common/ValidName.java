package io.livetodo.common;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The rule for the name of a list or a todo: at most 255 characters, not blank, no NUL (which
 * PostgreSQL cannot store). Null passes; {@code @NotNull} says whether a name is required.
 * Checked in time linear in the name, length first, because validation runs on the event loop
 * and a request body may be 64 KiB of anything.
 */
@Documented
@Constraint(validatedBy = ValidName.Check.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface ValidName {

    int MAX_LENGTH = 255;

    String message() default "must not be empty or contain NUL characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ValidName, String> {

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            if (name.length() > MAX_LENGTH) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be at most " + MAX_LENGTH + " characters")
                        .addConstraintViolation();
                return false;
            }
            return name.indexOf('\0') < 0 && !name.isBlank();
        }
    }
}
