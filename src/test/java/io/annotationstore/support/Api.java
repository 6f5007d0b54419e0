package io.annotationstore.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as each kind of caller makes them (tokens from the test profile). */
public final class Api {

    public static final String CALLBACK_KEY = "test-callback-key";
    public static final String OLD_CALLBACK_KEY = "test-callback-key-old";
    public static final String READER = "test-reader-token";
    public static final String ADMIN = "test-admin-token";

    private Api() {}

    public static RequestSpecification reader() {
        return given().auth().oauth2(READER);
    }

    public static RequestSpecification admin() {
        return given().auth().oauth2(ADMIN);
    }

    public static RequestSpecification scale() {
        return given().header("scale-callback-auth", CALLBACK_KEY).contentType(ContentType.JSON);
    }
}
