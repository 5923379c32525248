import { ForbiddenError, KeyAction, KeyRecord, MissingPermissionError } from '@keygate/contracts';

export type Permission =
  | { kind: 'content'; resource: string; action: KeyAction }
  | { kind: 'contenttype'; action: KeyAction }
  /** Search: a read on at least one content type (the search is then narrowed to them). */
  | { kind: 'search' }
  | { kind: 'any-key' };

const ACTION_OF_METHOD: Record<string, KeyAction> = {
  GET: 'read',
  HEAD: 'read',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

export function actionOf(method: string): KeyAction | null {
  return ACTION_OF_METHOD[method.toUpperCase()] ?? null;
}

/** Can this key do that? Content objects follow the key's rules; content types follow its kind. */
export function isPermitted(key: KeyRecord, permission: Permission): boolean {
  switch (permission.kind) {
    case 'any-key':
      return true;
    case 'search':
      return key.rules.some((rule) => rule.actions.includes('read'));
    case 'content':
      return key.rules.some(
        (rule) =>
          (rule.resource === '*' || rule.resource === permission.resource) &&
          rule.actions.includes(permission.action),
      );
    case 'contenttype':
      if (key.kind === 'application')
        return key.access === 'read-write' || permission.action === 'read';
      return key.type === 'administration';
  }
}

export function describePermission(permission: Permission): string {
  switch (permission.kind) {
    case 'content':
      return `${permission.resource}:${permission.action}`;
    case 'contenttype':
      return `contenttype:${permission.action}`;
    case 'search':
      return 'read on some content type';
    case 'any-key':
      return 'any key';
  }
}

/** Can this key read objects of this content type? */
export function mayRead(key: KeyRecord, contentType: string): boolean {
  return isPermitted(key, { kind: 'content', resource: contentType, action: 'read' });
}

/** Does a `*` rule let this key read every content type? */
export function readsEveryType(key: KeyRecord): boolean {
  return key.rules.some((rule) => rule.resource === '*' && rule.actions.includes('read'));
}

/** The content types a key's rules name for reading (without `*`). */
export function readableTypes(key: KeyRecord): string[] {
  return key.rules
    .filter((rule) => rule.resource !== '*' && rule.actions.includes('read'))
    .map((rule) => rule.resource);
}

/** 403 FORBIDDEN naming the first permission the key lacks (or the unsupported method). */
export function assertPermitted(
  key: KeyRecord,
  permissions: Array<Permission | null>,
  method: string,
): void {
  for (const permission of permissions) {
    if (!permission) throw new ForbiddenError(`${method} is not supported on this route`);
    if (!isPermitted(key, permission))
      throw new MissingPermissionError(describePermission(permission));
  }
}
