import { GraphQLError } from 'graphql';
import type { OrgContext } from '../auth/org-context.ts';
import { userError } from '../graphql/errors.ts';
import type { UserError } from '../graphql/errors.ts';
import { signContext } from '../signing/context-signature.ts';

/** A reference a write is about to store to an entity another subgraph owns. */
export interface ForeignReference {
  /** Where the id came from in the input, for the NOT_FOUND user error. */
  field: string[];
  subgraph: string;
  typename: string;
  id: string;
}

export interface EntityReferences {
  /** The ids among `ids` that the owning subgraph resolves in the caller's organisation. */
  existing(subgraph: string, typename: string, ids: string[]): Promise<Set<string>>;
  /**
   * Scalar fields of those entities, as their owner answers them for the caller (to snapshot on a
   * document: the client's name on an invoice). Unresolved ids are missing from the map.
   */
  fields(subgraph: string, typename: string, ids: string[], fields: string[]): Promise<Map<string, Record<string, unknown>>>;
}

/**
 * Checks references across subgraphs the way the gateway resolves them: the owner's `_entities`, in a
 * request signed with the caller's own context, so another organisation's id and an id that exists
 * nowhere look the same (both unresolved). The owner's reference resolvers and row-level security
 * decide; no subgraph reads another's schema.
 */
export function createEntityReferences(options: {
  urls: Record<string, string>;
  signingSecret: string;
  org: OrgContext;
  timeoutMs?: number;
}): EntityReferences {
  async function entities(subgraph: string, typename: string, ids: string[], fields: string[]): Promise<Record<string, unknown>[]> {
    if (ids.length === 0) return [];
    const url = options.urls[subgraph];
    if (!url) throw new Error(`no URL for subgraph "${subgraph}" (set ${subgraph.toUpperCase()}_URL)`);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(typename)) throw new Error(`not a type name: ${typename}`);
    if (!fields.every((f) => /^[a-z][A-Za-z0-9]*$/.test(f))) throw new Error(`not field names: ${fields.join(', ')}`);
    const body = JSON.stringify({
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${['id', ...fields].join(' ')} } } }`,
      variables: { representations: [...new Set(ids)].map((id) => ({ __typename: typename, id })) },
    });
    let answer: { data?: { _entities?: (Record<string, unknown> | null)[] }; errors?: unknown[] };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': options.org.requestId,
          ...signContext({ secret: options.signingSecret, subgraph, context: options.org, body }),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      answer = (await response.json()) as typeof answer;
      if (!response.ok || !answer.data?._entities) throw new Error(`HTTP ${response.status}`);
    } catch {
      throw new GraphQLError(`the ${subgraph} service could not confirm the ${typename} this change refers to; try again`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: subgraph },
      });
    }
    return answer.data!._entities!.flatMap((entity) => (entity && typeof entity.id === 'string' ? [entity] : []));
  }
  return {
    async existing(subgraph, typename, ids) {
      return new Set((await entities(subgraph, typename, ids, [])).map((entity) => entity.id as string));
    },
    async fields(subgraph, typename, ids, fields) {
      return new Map((await entities(subgraph, typename, ids, fields)).map((entity) => [entity.id as string, entity]));
    },
  };
}

/** NOT_FOUND for every reference its owner does not resolve in this organisation (one call per owner and type). */
export async function checkForeignReferences(references: EntityReferences, wanted: ForeignReference[]): Promise<UserError[]> {
  const groups = new Map<string, ForeignReference[]>();
  for (const reference of wanted) {
    const key = `${reference.subgraph}\n${reference.typename}`;
    groups.set(key, [...(groups.get(key) ?? []), reference]);
  }
  const errors: UserError[] = [];
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const found = await references.existing(
        group[0]!.subgraph,
        group[0]!.typename,
        group.map((r) => r.id),
      );
      for (const reference of group) {
        if (!found.has(reference.id)) errors.push(userError(reference.field, `no ${reference.typename.toLowerCase()} with id ${reference.id}`, 'NOT_FOUND'));
      }
    }),
  );
  return errors.sort((a, b) => wanted.findIndex((r) => r.field === a.field) - wanted.findIndex((r) => r.field === b.field));
}

/**
 * For code that runs no server and read the ids from their owner itself moments before (the demo
 * seed, tests of one use case): every reference counts as found. Never for a request's input.
 */
export const referencesReadFromTheirOwner: EntityReferences = {
  existing: async (_subgraph, _typename, ids) => new Set(ids),
  fields: async () => new Map(),
};
