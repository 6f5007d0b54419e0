package io.annotationstore.query;

import io.annotationstore.support.Api;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** Requests for the analytics tests: a reader whose JSON paths read fractions as doubles. */
final class Analytics {

    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    private Analytics() {}

    static RequestSpecification reader(Object... parameters) {
        RequestSpecification request = Api.reader().config(DOUBLES);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam((String) parameters[i], parameters[i + 1]);
        }
        return request;
    }
}
