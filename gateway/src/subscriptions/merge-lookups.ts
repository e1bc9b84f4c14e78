import { Kind, print } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import type { PreparedSubscription } from './prepare-subscription.ts';

/** One query that resolves several selections of one event at once; `aliases[i]` holds selection i. */
export interface MergedLookup {
  query: string;
  eventIdVariable: string;
  aliases: string[];
}

/**
 * Merges the lookups of different selections that run under the same context into one operation
 * (`s0: pursuitStageEvent(id: $e) {…} s1: pursuitStageEvent(id: $e) {…}`), so an event costs one
 * planned execution and one request per subgraph, however many distinct selections watch it.
 * Only lookups without variables of their own merge, and only when equal fragment names mean equal
 * fragments; anything else returns null and runs on its own.
 */
export function mergeLookups(lookups: PreparedSubscription[]): MergedLookup | null {
  if (lookups.length < 2) return null;
  const eventIdVariable = lookups[0]!.eventIdVariable;
  if (lookups.some((l) => Object.keys(l.variables).length > 0 || l.eventIdVariable !== eventIdVariable)) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const fields: FieldNode[] = [];
  const aliases: string[] = [];
  for (const [i, lookup] of lookups.entries()) {
    const [operation, ...rest] = lookup.document.definitions as [OperationDefinitionNode, ...FragmentDefinitionNode[]];
    if (operation.variableDefinitions?.length !== 1) return null;
    for (const fragment of rest) {
      const known = fragments.get(fragment.name.value);
      if (known && print(known) !== print(fragment)) return null;
      fragments.set(fragment.name.value, fragment);
    }
    const field = operation.selectionSet.selections[0] as FieldNode;
    aliases.push(`s${i}`);
    fields.push({ ...field, alias: { kind: Kind.NAME, value: `s${i}` } });
  }
  const first = lookups[0]!.document.definitions[0] as OperationDefinitionNode;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...first, name: undefined, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } }, ...fragments.values()],
  };
  return { query: print(document), eventIdVariable, aliases };
}
