package io.livetodo.common;

/** One human sentence for each HTTP error status the service can answer without a more specific reason. */
public final class HttpErrors {

    /**
     * Where a request whose address sent too many unknown tokens keeps the seconds it must wait
     * (the account part's token check sets it; the 401 that follows becomes a 429).
     */
    public static final String TOKEN_GUESSING = "livetodo.token-guessing";

    private HttpErrors() {}

    public static String message(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Log in first: send a valid session token.";
            case 403 -> "You may not do that.";
            case 404 -> "Not found.";
            case 405 -> "That method is not allowed here.";
            case 406 -> "This resource can only answer with JSON.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URL is too long.";
            case 415 -> "The request body must be application/json.";
            case 429 -> "Too many requests with tokens nobody has from this address; try again later.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is temporarily unavailable; try again shortly.";
            default -> status >= 500 ? "Something went wrong on our side." : "The request cannot be answered.";
        };
    }
}
