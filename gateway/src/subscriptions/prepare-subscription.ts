import { GraphQLError, Kind, OperationTypeNode, getArgumentValues, getOperationAST, getVariableValues, print, specifiedRules, validate, visit } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, ValidationRule } from 'graphql';
import type { EventFilter } from '@flowledger/shared';
import { subscriptionRoute } from './subscription-fields.ts';

/** A subscriber's operation, rewritten into the lookup query that resolves one event for it. */
export interface PreparedSubscription {
  eventType: string;
  filter: EventFilter | null;
  /** `query { <responseKey>: <lookupField>(id: $_flEventId) { …the subscriber's selection… } }` */
  query: string;
  /** Only the variables the selection uses: the filter's are spent on filtering. */
  variables: Record<string, unknown>;
  eventIdVariable: string;
  /** The lookup as a document, and the key its result comes under: for merging equal-context lookups. */
  document: DocumentNode;
  responseKey: string;
}

export type Prepared = { ok: true; prepared: PreparedSubscription } | { ok: false; errors: GraphQLError[] };

const fail = (message: string): Prepared => ({ ok: false, errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })] });

/** Variables and fragments a selection reaches, following fragment spreads. */
function reachable(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>) {
  const variables = new Set<string>();
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(selectionSet);
  return { variables, fragments: [...used.values()] };
}

/**
 * Validates a subscription against the API schema (with the gateway's limits), checks it subscribes to
 * one known field, evaluates that field's filter, and rewrites the selection into a lookup query
 * carrying only the variables and fragments the selection needs, so equal selections share a key.
 */
export function prepareSubscription(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  validationRules?: ValidationRule[];
}): Prepared {
  const errors = validate(options.schema, options.document, [...specifiedRules, ...(options.validationRules ?? [])]);
  if (errors.length) return { ok: false, errors: [...errors] };
  const operation = getOperationAST(options.document, options.operationName) as OperationDefinitionNode | null;
  if (!operation) return fail('no operation to run: name one with operationName');
  if (operation.operation !== 'subscription') return fail(`only subscriptions are served over WebSocket; send ${operation.operation} operations over HTTP`);
  const root = operation.selectionSet.selections;
  const field = root.length === 1 && root[0]!.kind === Kind.FIELD ? (root[0] as FieldNode) : null;
  if (!field) return fail('select exactly one subscription field, directly (not through a fragment)');
  const route = subscriptionRoute(options.schema, field.name.value);
  const fieldDef = options.schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!route || !fieldDef) return fail(`${field.name.value} is not served by this gateway`);

  const coerced = getVariableValues(options.schema, operation.variableDefinitions ?? [], options.variables ?? {});
  if (coerced.errors) return { ok: false, errors: [...coerced.errors] };
  const args = getArgumentValues(fieldDef, field, coerced.coerced);
  const filter = (args.filter as EventFilter | undefined) ?? null;

  const fragments = new Map(
    options.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const used = reachable(field.selectionSet!, fragments);
  let eventIdVariable = '_flEventId';
  while ((operation.variableDefinitions ?? []).some((d) => d.variable.name.value === eventIdVariable)) eventIdVariable += '_';
  const lookup: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: operation.name,
        variableDefinitions: [
          ...(operation.variableDefinitions ?? []).filter((d) => used.variables.has(d.variable.name.value)),
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: eventIdVariable } },
            type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
          },
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value },
              name: { kind: Kind.NAME, value: route.lookupField },
              arguments: [
                {
                  kind: Kind.ARGUMENT,
                  name: { kind: Kind.NAME, value: 'id' },
                  value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: eventIdVariable } },
                },
              ],
              selectionSet: field.selectionSet,
            },
          ],
        },
      },
      ...used.fragments,
    ],
  };
  const raw = options.variables ?? {};
  const variables = Object.fromEntries([...used.variables].filter((name) => name in raw).map((name) => [name, raw[name]]));
  const responseKey = field.alias?.value ?? field.name.value;
  return { ok: true, prepared: { eventType: route.eventType, filter, query: print(lookup), variables, eventIdVariable, document: lookup, responseKey } };
}
