import type { EntityMetadata, EntityProperty, MetadataStorage, Platform } from '@mikro-orm/core';
import { MikroKyselyPlugin } from '@mikro-orm/postgresql';
import type { EntityManager, MikroKyselyPluginOptions } from '@mikro-orm/postgresql';
import { AliasNode, SelectQueryNode, TableNode } from 'kysely';
import type { OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * MikroORM's Kysely plugin with a faster way back: its result transform walks every property of every
 * entity in the query (under four spellings of each column) for every row and deletes keys, which
 * made it a tenth of a subgraph's CPU on list reads. This one compiles, once per set of tables, a map
 * from the columns a row carries to the property and value conversion MikroORM would apply, and
 * builds each row in one pass over its own columns. The SQL side is MikroORM's, unchanged.
 *
 * Only plain `select … from <entity> [join <entity>]` statements take the fast way; anything else
 * (subqueries, CTEs, writes, raw SQL) gets MikroORM's own transform. A test compares both on every
 * entity of every subgraph.
 */
export class PlainRowsPlugin extends MikroKyselyPlugin {
  readonly #tables = new Map<QueryId, string[] | null>();
  readonly #metadata: MetadataStorage;
  readonly #platform: Platform;

  constructor(em: EntityManager, options: MikroKyselyPluginOptions) {
    super(em, options);
    this.#metadata = em.getMetadata();
    this.#platform = em.getDriver().getPlatform();
  }

  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#tables.set(args.queryId, plainSelectTables(args.node));
    return super.transformQuery(args);
  }

  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tables = this.#tables.get(args.queryId);
    this.#tables.delete(args.queryId);
    const mapper = tables ? mapperFor(this.#metadata, this.#platform, tables) : null;
    if (!mapper) return super.transformResult(args);
    return { ...args.result, rows: args.result.rows.map(mapper) };
  }
}

/** The entity names a statement reads from when it is a plain select over tables (else null). */
function plainSelectTables(node: RootOperationNode): string[] | null {
  if (!SelectQueryNode.is(node) || node.with || node.setOperations) return null;
  const sources: OperationNode[] = [...(node.from?.froms ?? []), ...(node.joins ?? []).map((join) => join.table)];
  const names: string[] = [];
  for (const source of sources) {
    const table = AliasNode.is(source) ? source.node : source;
    if (!TableNode.is(table)) return null;
    names.push(table.table.identifier.name);
  }
  return names.length > 0 ? names : null;
}

type Convert = ((value: unknown) => unknown) | null;
type RowMapper = (row: UnknownRow) => UnknownRow;

const mappers = new WeakMap<MetadataStorage, Map<string, RowMapper | null>>();

function mapperFor(metadata: MetadataStorage, platform: Platform, tables: string[]): RowMapper | null {
  let byTables = mappers.get(metadata);
  if (!byTables) mappers.set(metadata, (byTables = new Map()));
  const key = tables.join('\n');
  let mapper = byTables.get(key);
  if (mapper === undefined) byTables.set(key, (mapper = compileMapper(metadata, platform, tables)));
  return mapper;
}

function compileMapper(metadata: MetadataStorage, platform: Platform, tables: string[]): RowMapper | null {
  const metas: EntityMetadata[] = [];
  for (const name of tables) {
    // As MikroORM's transform finds it: by entity name, else by table name.
    const meta = metadata.getByClassName(name, false) ?? [...metadata].find((m) => m.tableName === name);
    if (!meta) return null;
    metas.push(meta);
  }
  // As MikroORM resolves a column: the first entity (from, then joins) that has it wins.
  const columns = new Map<string, { name: string; convert: Convert }>();
  for (const meta of metas) {
    for (const prop of meta.props) {
      const target = { name: prop.name, convert: converterFor(prop, platform) };
      for (const field of prop.fieldNames ?? []) if (!columns.has(field)) columns.set(field, target);
      if (!columns.has(prop.name)) columns.set(prop.name, target);
    }
  }
  return (row) => {
    const out: UnknownRow = {};
    for (const column in row) {
      const value = row[column];
      const target = columns.get(column);
      if (!target) out[column] = value;
      else out[target.name] = target.convert && value != null ? target.convert(value) : value;
    }
    return out;
  };
}

/** The value conversion MikroORM's transform applies to a property read from the database. */
function converterFor(prop: EntityProperty, platform: Platform): Convert {
  const customType = prop.customType;
  if (customType) return (value) => customType.convertToJSValue(value, platform);
  if (prop.runtimeType === 'boolean') return (value) => !!value;
  if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) {
    const tz = platform.getTimezone();
    return (value) => {
      if (value instanceof Date) return value;
      if (!tz || tz === 'local' || typeof value === 'number') return platform.parseDate(value as string);
      const text = String(value);
      return platform.parseDate(text.includes('+') || text.lastIndexOf('-') > 10 || text.endsWith('Z') ? text : text + tz);
    };
  }
  return null;
}
