import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLNamedType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  parse,
} from 'graphql';
import { KeyAction, ValidationError } from '@keygate/contracts';
import { Permission } from '../authorization/route-permission';
import { ContentSchema } from './content-schema';

const MUTATION = /^(create|update|delete)([A-Za-z0-9_-]+)$/;
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

function operationOf(
  operations: OperationDefinitionNode[],
  operationName: string | null,
): OperationDefinitionNode {
  const chosen = operationName
    ? operations.find((op) => op.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!chosen)
    throw ValidationError.of(
      'operationName',
      operationName
        ? `names no operation of the document`
        : 'is required when the document has several operations',
    );
  return chosen;
}

function parsed(source: string, operationName: string | null) {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: 10_000 });
  } catch (error) {
    throw ValidationError.of('query', `is not valid GraphQL: ${(error as GraphQLError).message}`);
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  assertUniqueNames(operations, fragments);
  return {
    operation: operationOf(operations, operationName),
    fragments: new Map(fragments.map((d) => [d.name.value, d])),
  };
}

/**
 * GraphQL's own validation rules (unique operation and fragment names, a lone anonymous
 * operation), enforced here because an upstream that executes without validating may pick
 * another definition of a name than the one the gateway checked.
 */
function assertUniqueNames(
  operations: OperationDefinitionNode[],
  fragments: FragmentDefinitionNode[],
): void {
  if (operations.length > 1 && operations.some((op) => !op.name))
    throw ValidationError.of('query', 'may have an anonymous operation only as its one operation');
  for (const [kind, names] of [
    ['operation', operations.map((op) => op.name?.value).filter((n) => n !== undefined)],
    ['fragment', fragments.map((fragment) => fragment.name.value)],
  ] as const) {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name))
        throw ValidationError.of('query', `defines ${kind} ${name} more than once`);
      seen.add(name);
    }
  }
}

/** The content type and action a root field names by Flotiq's conventions. */
function rootFieldPermission(field: string, operation: OperationTypeNode): Permission {
  if (operation === OperationTypeNode.MUTATION) {
    const match = MUTATION.exec(field);
    return match
      ? { kind: 'content', resource: lowerFirst(match[2]), action: match[1] as KeyAction }
      : { kind: 'content', resource: field, action: 'update' };
  }
  const resource = field.endsWith('List') && field.length > 4 ? field.slice(0, -4) : field;
  return { kind: 'content', resource, action: 'read' };
}

const permissionKey = (p: Permission) =>
  p.kind === 'content' ? `${p.resource}:${p.action}` : p.kind;

/**
 * What a GraphQL operation needs, by its root fields, with the content API's rules: a query (or
 * subscription) field `product` or `productList` reads `product`; a mutation `createProduct`,
 * `updateProduct` or `deleteProduct` creates, updates or deletes `product`. Introspection
 * (`__schema`, `__type`, `__typename`) needs any valid key. A mutation of another shape needs
 * `update` on a content type of its own name, which only a `*` rule grants. Used when the
 * upstream's schema is not known.
 */
export function graphqlPermissions(source: string, operationName: string | null): Permission[] {
  const { operation, fragments } = parsed(source, operationName);
  const permissions = new Map<string, Permission>();
  for (const field of rootFields(operation.selectionSet, fragments)) {
    if (field.startsWith('__')) continue;
    const permission = rootFieldPermission(field, operation.operation);
    permissions.set(permissionKey(permission), permission);
  }
  return permissions.size ? [...permissions.values()] : [{ kind: 'any-key' }];
}

export class UnknownFieldError extends ValidationError {
  constructor(field: string, type: string) {
    super([
      {
        field: 'query',
        message: `selects "${field}", which type ${type} of the upstream schema does not have`,
      },
    ]);
  }
}

/**
 * What a GraphQL operation needs, from the upstream's schema: the root fields as above, and a read
 * of every content type the operation reaches, however it is reached (nested relation, alias,
 * named or inline fragment, interface): a field whose type is a content type, or a field selected
 * on one. What a mutation returns of the type it changes needs no read; its relations do.
 * A field the schema does not have is an UnknownFieldError (400).
 */
export function graphqlPermissionsInSchema(
  source: string,
  operationName: string | null,
  content: ContentSchema,
): Permission[] {
  const { operation, fragments } = parsed(source, operationName);
  const { schema } = content;
  const permissions = new Map<string, Permission>();
  const add = (permission: Permission) => permissions.set(permissionKey(permission), permission);
  const read = (type: GraphQLNamedType, exempt: string | null) => {
    const contentType = content.contentTypeOf(type);
    if (contentType && contentType !== exempt)
      add({ kind: 'content', resource: contentType, action: 'read' });
  };
  const root = schema.getRootType(operation.operation);
  if (!root) throw ValidationError.of('query', `the upstream schema has no ${operation.operation}`);

  // Each (selection set, exemption) once: fragments may be spread many times, or in a cycle.
  const visited = new Map<SelectionSetNode, Set<string | null>>();
  const visit = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    exempt: string | null,
  ): void => {
    const seen = visited.get(selectionSet) ?? new Set<string | null>();
    if (seen.has(exempt)) return;
    visited.set(selectionSet, seen.add(exempt));
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(
          selection.selectionSet,
          conditionType(selection.typeCondition?.name.value) ?? parent,
          exempt,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment)
          throw ValidationError.of('query', `spreads unknown fragment ${selection.name.value}`);
        visit(
          fragment.selectionSet,
          conditionType(fragment.typeCondition.name.value) ?? parent,
          exempt,
        );
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      if (parent === root && (name === '__schema' || name === '__type')) continue;
      const field =
        isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) throw new UnknownFieldError(name, parent.name);
      const type = getNamedType(field.type);
      let childExempt: string | null = null;
      if (parent === root) {
        const permission = rootFieldPermission(name, operation.operation);
        const named = content.contentTypeOf(type);
        if (operation.operation === OperationTypeNode.MUTATION) {
          add(permission);
          if (permission.kind === 'content' && named === permission.resource) childExempt = named;
          else read(type, null);
        } else if (named) add({ kind: 'content', resource: named, action: 'read' });
        else add(permission);
      } else {
        read(parent, exempt);
        if (isAbstractType(parent))
          for (const possible of schema.getPossibleTypes(parent)) read(possible, exempt);
        read(type, null);
        if (isAbstractType(type) && selection.selectionSet === undefined)
          for (const possible of schema.getPossibleTypes(type)) read(possible, null);
      }
      if (selection.selectionSet && isCompositeType(type))
        visit(selection.selectionSet, type, childExempt);
    }
  };
  const conditionType = (name: string | undefined): GraphQLCompositeType | null => {
    if (!name) return null;
    const type = schema.getType(name);
    if (!type || !isCompositeType(type))
      throw ValidationError.of(
        'query',
        `has a fragment on ${name}, which the upstream schema does not have`,
      );
    return type;
  };
  visit(operation.selectionSet, root, null);
  return permissions.size ? [...permissions.values()] : [{ kind: 'any-key' }];
}
