package io.livetodo.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.livetodo.account.CurrentUser;
import io.livetodo.account.SessionCookie;
import io.livetodo.common.ApiError;
import io.livetodo.common.ApiException;
import io.livetodo.common.DatabaseErrors;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * What every page form goes through. A plain form post is answered with a redirect, or with the
 * page again showing what was wrong; the same post sent by the page script (asking for JSON) is
 * answered with 204 or the API's JSON error, and the page then learns the change from the live
 * connection like every other client.
 */
@ApplicationScoped
public class PageForms {

    private static final String STALE_FORM = "This form is out of date or came from another site; reload the page and try again.";

    private final CurrentIdentityAssociation identities;
    private final Validator validator;

    PageForms(CurrentIdentityAssociation identities, Validator validator) {
        this.identities = identities;
        this.validator = validator;
    }

    /** The user logged in through the session cookie, or null for a visitor. */
    public Uni<CurrentUser> user(HttpServerRequest request) {
        if (SessionCookie.token(request) == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? null : CurrentUser.of(identity))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    /**
     * Runs a logged-in user's form: checks its token, then the action; a plain form goes on to
     * {@code then}, or to {@code failed} with the reason the action was refused.
     */
    public <T> Uni<Response> submit(HttpServerRequest request, String token, Function<CurrentUser, Uni<T>> action,
            Function<T, Response.ResponseBuilder> then, BiFunction<CurrentUser, ApiException, Uni<Response>> failed) {
        return user(request).chain(user -> {
            if (user == null) {
                return wantsJson(request)
                        ? Uni.createFrom().failure(new ApiException(401, "Log in first: send a valid session token.", List.of()))
                        : Uni.createFrom().item(seeOther("/").build());
            }
            Uni<T> checked = Csrf.matches(Csrf.forSession(request), token)
                    ? action.apply(user)
                    : Uni.createFrom().failure(ApiException.forbidden(STALE_FORM));
            return respond(request, checked, then, failure -> failed.apply(user, failure));
        });
    }

    /** Checks a visitor's form (log-in, registration) the same way. */
    public <T> Uni<Response> submitAsVisitor(HttpServerRequest request, String token, Uni<T> action,
            Function<T, Response.ResponseBuilder> then, Function<ApiException, Uni<Response>> failed) {
        Uni<T> checked = Csrf.matches(Csrf.forVisitor(request), token)
                ? action
                : Uni.createFrom().failure(ApiException.forbidden(STALE_FORM));
        return respond(request, checked, then, failed);
    }

    private <T> Uni<Response> respond(HttpServerRequest request, Uni<T> action, Function<T, Response.ResponseBuilder> then,
            Function<ApiException, Uni<Response>> failed) {
        boolean json = wantsJson(request);
        return action
                .map(result -> json
                        ? then.apply(result).status(204).location(null).build()
                        : then.apply(result).build())
                .onFailure(failure -> !json && refusal(failure) != null)
                .recoverWithUni(failure -> {
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
        return details.stream().map(PageForms::sentence).reduce((a, b) -> a + " " + b).orElseThrow();
    }

    static String sentence(ApiError.FieldError error) {
        String field = error.field().isEmpty() ? "" : Character.toUpperCase(error.field().charAt(0)) + error.field().substring(1) + " ";
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
