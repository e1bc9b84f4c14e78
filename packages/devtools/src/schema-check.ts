import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { Supergraph } from '@apollo/federation-internals';
import { TypeInfo, isEnumType, isInputObjectType, isObjectType, isInterfaceType, parse, validate, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLSchema } from 'graphql';

/** An operation of a committed manifest: what partners run and a schema change must not break. */
export interface CheckedOperation {
  client: string;
  name: string;
  body: string;
}

export interface BreakingChange {
  /** The schema coordinate, e.g. `Client.domain` or `PursuitStage.WON`. */
  path: string;
  message: string;
  /** The registered operations it breaks (`client/name`). */
  operations: string[];
  /** Why it is refused: it breaks operations, or it was not deprecated first. */
  reason: 'BREAKS_OPERATIONS' | 'NOT_DEPRECATED_FIRST';
}

export const apiSchemaOf = (supergraphSdl: string): GraphQLSchema => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/** The schema coordinates an operation touches (types, fields, arguments, enum values), read against `schema`. */
function coordinatesOf(body: string, schema: GraphQLSchema): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(body),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) used.add(`${parent.name}.${field.name}`).add(parent.name);
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const argument = typeInfo.getArgument();
        if (parent && field && argument) used.add(`${parent.name}.${field.name}.${argument.name}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type) used.add(`${String(type).replace(/[[\]!]/g, '')}.${node.value}`);
      },
      VariableDefinition(node) {
        const name = node.type.kind === 'NamedType' ? node.type.name.value : undefined;
        if (name) used.add(name);
      },
    }),
  );
  return used;
}

/** Whether the base schema deprecated what a change removes (a field, an argument, an enum or input value). */
function deprecatedInBase(path: string, base: GraphQLSchema): boolean {
  const [typeName, member, argument] = path.split('.');
  const type = typeName ? base.getType(typeName) : undefined;
  if (!type || !member) return false;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    if (field.deprecationReason) return true;
    return argument ? Boolean(field.args.find((a) => a.name === argument)?.deprecationReason) : false;
  }
  if (isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  if (isInputObjectType(type)) return Boolean(type.getFields()[member]?.deprecationReason);
  return false;
}

/**
 * What a change from `base` to `next` breaks: every breaking change (graphql-inspector's diff) with
 * the committed operations it breaks; and any removal or change of a field, argument or enum value
 * that the base schema had not deprecated first — even one no operation uses, since partners outside
 * the manifests may. Operations that no longer validate against `next` are reported too.
 */
export async function checkSchemaChange(options: { base: GraphQLSchema; next: GraphQLSchema; operations: CheckedOperation[] }): Promise<BreakingChange[]> {
  const { base, next, operations } = options;
  const usage = operations.map((op) => ({ op, used: coordinatesOf(op.body, base), invalid: validate(next, parse(op.body)).length > 0 }));
  const found: BreakingChange[] = [];
  for (const change of await diff(base, next)) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const path = change.path ?? '';
    const broken = usage.filter((u) => u.used.has(path) || [...u.used].some((c) => c.startsWith(`${path}.`))).map((u) => `${u.op.client}/${u.op.name}`);
    if (broken.length > 0) found.push({ path, message: change.message, operations: broken, reason: 'BREAKS_OPERATIONS' });
    else if (!deprecatedInBase(path, base)) found.push({ path, message: change.message, operations: [], reason: 'NOT_DEPRECATED_FIRST' });
  }
  // Anything else a registered operation no longer validates against (a safety net beside the diff).
  const named = new Set(found.flatMap((f) => f.operations));
  for (const u of usage) {
    const id = `${u.op.client}/${u.op.name}`;
    if (u.invalid && !named.has(id)) {
      const errors = validate(next, parse(u.op.body)).map((e) => e.message);
      found.push({ path: '(operation)', message: errors.join('; '), operations: [id], reason: 'BREAKS_OPERATIONS' });
    }
  }
  return found;
}
