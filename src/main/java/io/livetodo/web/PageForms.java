package io.livetodo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.account.SessionCookie;
import io.livetodo.common.ApiError;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.HttpErrors;
import io.livetodo.idempotency.IdempotentWrites;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;

/**
 * What every page form goes through. A plain form post is answered with a redirect, or with the
 * page again showing what was wrong; the same post sent by the page script (asking for JSON) is
 * answered with 204 or the API's JSON error, and the page then learns the change from the live
 * connection like every other client.
 */
@ApplicationScoped
public class PageForms {

    private static final String STALE_FORM =
            "This form is out of date or came from another site; reload the page and try again.";

    private final CurrentIdentityAssociation identities;
    private final Validator validator;
    private final IdempotentWrites writes;
    private final ObjectMapper json;

    PageForms(CurrentIdentityAssociation identities, Validator validator, IdempotentWrites writes, ObjectMapper json) {
        this.identities = identities;
        this.validator = validator;
        this.writes = writes;
        this.json = json;
    }

    /** The user logged in through the session cookie, or null for a visitor. */
    public Uni<CurrentUser> user(HttpServerRequest request) {
        if (SessionCookie.token(request) == null) {
            return Uni.createFrom().nullItem();
        }
        return identities
                .getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? null : CurrentUser.of(identity))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithNull();
    }

    /**
     * Runs a logged-in user's form: checks its token, then the action; a plain form goes on to
     * {@code then}, or to {@code failed} with the reason the action was refused.
     */
    public <T> Uni<Response> submit(
            HttpServerRequest request,
            String token,
            Function<CurrentUser, Uni<T>> action,
            Function<T, Response.ResponseBuilder> then,
            BiFunction<CurrentUser, ApiException, Uni<Response>> failed) {
        return user(request).chain(user -> {
            if (user == null) {
                return wantsJson(request)
                        ? Uni.createFrom().failure(new ApiException(401, HttpErrors.message(401), List.of()))
                        : Uni.createFrom().item(seeOther("/").build());
            }
            if (!Csrf.matches(Csrf.forSession(request), token)) {
                return respond(
                        request,
                        Uni.createFrom().failure(ApiException.forbidden(STALE_FORM)),
                        failure -> failed.apply(user, failure));
            }
            Uni<Response> done = answer(request, action.apply(user), then);
            IdempotentWrites.Attempt attempt = attempt(request);
            Uni<Response> once = attempt == null
                    ? done
                    : writes.once(user.id(), attempt, () -> done, answer -> IdempotentWrites.Answer.of(answer, json))
                            .onFailure(IdempotentWrites.Replayed.class)
                            .recoverWithItem(replayed -> ((IdempotentWrites.Replayed) replayed).response());
            return respond(request, once, failure -> failed.apply(user, failure));
        });
    }

    /** Checks a visitor's form (log-in, registration) the same way. */
    public <T> Uni<Response> submitAsVisitor(
            HttpServerRequest request,
            String token,
            Uni<T> action,
            Function<T, Response.ResponseBuilder> then,
            Function<ApiException, Uni<Response>> failed) {
        Uni<T> checked = Csrf.matches(Csrf.forVisitor(request), token)
                ? action
                : Uni.createFrom().failure(ApiException.forbidden(STALE_FORM));
        return respond(request, answer(request, checked, then), failed);
    }

    /** A form that worked: a plain form goes on, the script's request gets 204. */
    private static <T> Uni<Response> answer(
            HttpServerRequest request, Uni<T> action, Function<T, Response.ResponseBuilder> then) {
        boolean json = wantsJson(request);
        return action.map(result -> json
                ? then.apply(result).status(204).location(null).build()
                : then.apply(result).build());
    }

    /**
     * The form's Idempotency-Key, from the header the page script sends or the plain form's hidden
     * field; the request it stands for is the route and the form's fields other than the keys.
     */
    private static IdempotentWrites.Attempt attempt(HttpServerRequest request) {
        // Quarkus REST reads a form's body itself (Vert.x keeps no form attributes); its parsed fields are on the
        // request's context.
        FormData form = CurrentRequestManager.get().getFormData();
        String key = request.getHeader(IdempotentWrites.HEADER);
        if (key == null && form != null && form.getFirst(IdempotentWrites.FIELD) != null) {
            key = form.getFirst(IdempotentWrites.FIELD).getValue();
        }
        if (key == null) {
            return null;
        }
        StringBuilder sent =
                new StringBuilder(request.method().name()).append(' ').append(request.uri());
        if (form != null) {
            StreamSupport.stream(form.spliterator(), false)
                    .filter(name -> !name.equals(IdempotentWrites.FIELD) && !name.equals(Csrf.FIELD))
                    .sorted()
                    .forEach(name -> form.get(name)
                            .forEach(value ->
                                    sent.append('\n').append(name).append('=').append(value.getValue())));
        }
        return IdempotentWrites.Attempt.of(key, sent.toString());
    }

    private static Uni<Response> respond(
            HttpServerRequest request, Uni<Response> done, Function<ApiException, Uni<Response>> failed) {
        boolean json = wantsJson(request);
        return done.onFailure(failure -> !json && refusal(failure) != null).recoverWithUni(failure -> {
            ApiException refusal = refusal(failure);
            return failed.apply(refusal).map(page -> withHeaders(page, refusal));
        });
    }

    private static Response withHeaders(Response page, ApiException refusal) {
        Response.ResponseBuilder response = Response.fromResponse(page);
        refusal.headers().forEach(response::header);
        return response.build();
    }

    /** Applies the API's validation rules to a form's fields. */
    public <T> Uni<T> valid(T input) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (violations.isEmpty()) {
            return Uni.createFrom().item(input);
        }
        List<ApiError.FieldError> details = violations.stream()
                .map(v -> new ApiError.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field))
                .toList();
        return Uni.createFrom().failure(ApiException.invalid(details));
    }

    /** One sentence for a person: the field problems if there are any, else the error itself. */
    public static String sentence(ApiException refusal) {
        List<ApiError.FieldError> details = refusal.body().details();
        if (details == null || details.isEmpty()) {
            return refusal.getMessage();
        }
        return details.stream()
                .map(PageForms::sentence)
                .reduce((a, b) -> a + " " + b)
                .orElseThrow();
    }

    static String sentence(ApiError.FieldError error) {
        String field = error.field().isEmpty()
                ? ""
                : Character.toUpperCase(error.field().charAt(0)) + error.field().substring(1) + " ";
        return field + error.message() + ".";
    }

    /** Where a plain form goes after it worked. */
    public static Response.ResponseBuilder seeOther(String location) {
        return Response.seeOther(URI.create(location));
    }

    static boolean wantsJson(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("application/json");
    }

    private static ApiException refusal(Throwable failure) {
        return failure instanceof ApiException api ? api : DatabaseErrors.refusal(failure);
    }
}
