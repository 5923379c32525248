import { DocumentedMethod, HttpMethod, PUBLIC_ROUTES, PublicRoute } from './public-routes';

const routes = Object.entries(PUBLIC_ROUTES) as Array<[string, PublicRoute]>;

/** A Fastify URL pattern as a regular expression over paths (`*`: the rest of the path). */
const patternOf = (url: string) =>
  new RegExp(`^${url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.+')}$`);

/** A documented path template with each `{name}` filled in. */
const exampleOf = (template: string) => template.replace(/\{\w+\}/g, 'x1');

describe('PUBLIC_ROUTES', () => {
  it.each(routes)('documents %s only as the gateway serves it', (_name, route) => {
    for (const { template, operations } of route.docs.paths) {
      expect(route.urls.some((url) => patternOf(url).test(exampleOf(template)))).toBe(true);
      for (const method of Object.keys(operations) as DocumentedMethod[])
        expect(route.methods).toContain(method.toUpperCase() as HttpMethod);
    }
  });

  it('serves each path under one route only', () => {
    const examples = routes.flatMap(([, route]) =>
      route.docs.paths.map((p) => exampleOf(p.template)),
    );
    for (const example of examples) {
      const serving = routes.filter(([, route]) =>
        route.urls.some((url) => patternOf(url).test(example)),
      );
      expect(serving).toHaveLength(1);
    }
  });
});
