import { callLabel } from '@keygate/usage';
import { permissionForRequest } from './permission-for-request';
import { actionOf } from './route-permission';

/** What a call used, as the decision log names it: a resource and an action. */
export interface CallUse {
  resource: string;
  action: string;
}

/**
 * What a call to `path` uses: a content type and the action its method stands for, or, for the
 * routes that are not about one content type, `@` and the route's name (`@search`,
 * `@contenttype`, `@graphql`), which no content type's name can be.
 */
export function callUseOf(method: string, path: string): CallUse {
  const permission = permissionForRequest(method, path);
  const action = actionOf(method) ?? method.toLowerCase();
  switch (permission?.kind) {
    case 'content':
      return { resource: permission.resource, action: permission.action };
    case 'contenttype':
      return { resource: '@contenttype', action: permission.action };
    case 'search':
      return { resource: '@search', action: 'read' };
    default: {
      const segments = path.split('/').filter(Boolean);
      const name = segments[1] === 'v1' ? segments[2] : segments[1];
      return { resource: `@${name ?? 'api'}`, action };
    }
  }
}

/** The label the admission step counts a call under (`resource|action`). */
export const callLabelOf = (method: string, path: string): string => {
  const use = callUseOf(method, path);
  return callLabel(use.resource, use.action);
};
