import { SystemHarness } from '../system.harness';

/** A Panel API client as a browser-less user has it: JSON in, JSON out, Bearer session. */
export class PanelClient {
  constructor(
    private readonly system: SystemHarness,
    public session: string | null = null,
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.system.call(`/panel/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.session ? { authorization: `Bearer ${this.session}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  static async signup(system: SystemHarness, name = 'Panel Co') {
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const client = new PanelClient(system);
    const answer = await client.post('/signup', {
      email,
      password: 'correct horse battery',
      accountName: name,
    });
    if (answer.status !== 201)
      throw new Error(`signup: ${answer.status} ${JSON.stringify(answer.body)}`);
    client.session = answer.body.session;
    return { client, email, signup: answer };
  }
}
