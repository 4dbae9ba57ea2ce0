package dev.sentinel.http.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers endpoints and remembers them, so the OpenAPI document can be checked against what is served. */
public final class Routes {

    /**
     * One registered endpoint: an upper-case HTTP method and a path in OpenAPI form ({@code /passes/{passId}}; a
     * Javalin {@code <param>} that spans slashes is written {@code {param}} too).
     */
    public record Route(String method, String path) {

        static Route of(String method, String javalinPath) {
            return new Route(method, javalinPath.replace('<', '{').replace('>', '}'));
        }
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    public Routes get(String path, Handler handler) {
        routes.get(path, handler);
        registered.add(Route.of("GET", path));
        return this;
    }

    public Routes head(String path, Handler handler) {
        routes.head(path, handler);
        registered.add(Route.of("HEAD", path));
        return this;
    }

    public Routes post(String path, Handler handler) {
        routes.post(path, handler);
        registered.add(Route.of("POST", path));
        return this;
    }

    public Routes put(String path, Handler handler) {
        routes.put(path, handler);
        registered.add(Route.of("PUT", path));
        return this;
    }

    public Routes patch(String path, Handler handler) {
        routes.patch(path, handler);
        registered.add(new Route("PATCH", path));
        return this;
    }

    public Routes delete(String path, Handler handler) {
        routes.delete(path, handler);
        registered.add(Route.of("DELETE", path));
        return this;
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
