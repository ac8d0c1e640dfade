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

    String BLANK_OR_NUL = "must not be empty or contain NUL characters";

    String message() default BLANK_OR_NUL;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ValidName, String> {

        /** What is wrong with a name, as its field's error says it; null for a good name, or none. */
        public static String problem(String name) {
            if (name == null) {
                return null;
            }
            if (name.length() > MAX_LENGTH) {
                return "must be at most " + MAX_LENGTH + " characters";
            }
            return name.indexOf('\0') < 0 && !name.isBlank() ? null : BLANK_OR_NUL;
        }

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            String problem = problem(name);
            if (problem != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            }
            return problem == null;
        }
    }
}
