import { Permission, actionOf } from './route-permission';

const CONTENT = /^\/api\/v1\/content\/([^/?#]+)/;
const SEARCH = /^\/api\/v1\/search\/?$/;
const CONTENT_TYPES = /^\/api\/v1\/internal\/contenttype(?:[/?#]|$)/;

/** What a call to the API needs, from its method and path; null for a method the API has no use for. */
export function permissionForRequest(method: string, url: string): Permission | null {
  if (url.startsWith('/api/auth-context')) return { kind: 'any-key' };
  const action = actionOf(method);
  if (!action) return null;
  const content = CONTENT.exec(url);
  if (content) return { kind: 'content', resource: decodeURIComponent(content[1]), action };
  if (SEARCH.test(url)) return action === 'read' ? { kind: 'search' } : null;
  if (CONTENT_TYPES.test(url)) return { kind: 'contenttype', action };
  return null;
}
