import { buildSchema, graphqlSync } from 'graphql';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface EchoedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The GraphQL schema the echo upstream introspects as: a few content types by Flotiq's
 * conventions (`product`, `productList`, `createProduct`...), so the gateway can check GraphQL
 * calls against it; every other GraphQL call is echoed like any call.
 */
const ECHO_GRAPHQL_SCHEMA = buildSchema(`
  scalar JSON
  type Product { id: ID name: String }
  type ProductList { total: Int data: [Product] }
  type Author { id: ID name: String }
  type AuthorList { total: Int data: [Author] }
  type Blogpost { id: ID title: String }
  type BlogpostList { total: Int data: [Blogpost] }
  type Query {
    product(id: String): Product
    productList: ProductList
    author(id: String): Author
    authorList: AuthorList
    blogpost(id: String): Blogpost
    blogpostList: BlogpostList
  }
  type Mutation {
    createProduct(data: JSON): Product
    updateProduct(id: String, data: JSON): Product
    deleteProduct(id: String): Product
  }
`);

function introspection(url: string, body: string): string | null {
  if (!url.startsWith('/api/graphql') || !body.includes('__schema')) return null;
  try {
    const { query } = JSON.parse(body) as { query?: string };
    if (!query?.includes('IntrospectionQuery')) return null;
    return JSON.stringify(graphqlSync({ schema: ECHO_GRAPHQL_SCHEMA, source: query }));
  } catch {
    return null;
  }
}

/** An upstream that answers every call with what it received, to check what a gateway forwards. */
export async function startEchoUpstream(): Promise<{
  url: string;
  server: Server;
  close: () => Promise<void>;
}> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const echoed: EchoedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      const text = introspection(echoed.url, body) ?? JSON.stringify(echoed);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-echo': 'yes',
        'content-length': Buffer.byteLength(text),
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
