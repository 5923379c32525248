import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  parse,
} from 'graphql';
import { KeyAction, ValidationError } from '@keygate/contracts';
import { Permission } from '../authorization/route-permission';

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
  document: DocumentNode,
  operationName: string | null,
): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
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

/**
 * What a GraphQL operation needs, by its root fields, with the content API's rules: a query (or
 * subscription) field `product` or `productList` reads `product`; a mutation `createProduct`,
 * `updateProduct` or `deleteProduct` creates, updates or deletes `product`. Introspection
 * (`__schema`, `__type`, `__typename`) needs any valid key. A mutation of another shape needs
 * `update` on a content type of its own name, which only a `*` rule grants.
 */
export function graphqlPermissions(source: string, operationName: string | null): Permission[] {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: 10_000 });
  } catch (error) {
    throw ValidationError.of('query', `is not valid GraphQL: ${(error as GraphQLError).message}`);
  }
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const operation = operationOf(document, operationName);
  const permissions = new Map<string, Permission>();
  for (const field of rootFields(operation.selectionSet, fragments)) {
    if (field.startsWith('__')) continue;
    let resource: string;
    let action: KeyAction = 'read';
    if (operation.operation === 'mutation') {
      const match = MUTATION.exec(field);
      action = match ? (match[1] as KeyAction) : 'update';
      resource = match ? lowerFirst(match[2]) : field;
    } else {
      resource = field.endsWith('List') && field.length > 4 ? field.slice(0, -4) : field;
    }
    permissions.set(`${resource}:${action}`, { kind: 'content', resource, action });
  }
  return permissions.size ? [...permissions.values()] : [{ kind: 'any-key' }];
}
