import type pg from 'pg';
import { tracingOn, withSpan } from './tracing.ts';

type Query = (...args: unknown[]) => unknown;

/**
 * A span per statement on one connection, under whatever span is active when it is sent (the
 * request's). Installed only when tracing is on as the connection opens: otherwise the connection's
 * query is untouched. The statement's text is recorded only when its values travel apart from it
 * (parameterised): MikroORM inlines the values of its own statements, and a trace must not carry
 * an organisation's data to a collector; those spans name the operation only.
 */
export function traceStatements(client: pg.Client, service: string): void {
  if (!tracingOn()) return;
  const original = client.query.bind(client) as Query;
  (client as { query: Query }).query = (...args: unknown[]) => {
    // The callback form is pg's own (connection setup); the ORM and Kysely use the promise form.
    if (args.some((arg) => typeof arg === 'function')) return original(...args);
    const [first, second] = args;
    const config = typeof first === 'object' && first !== null ? (first as { text?: unknown; values?: unknown }) : null;
    const text = typeof first === 'string' ? first : typeof config?.text === 'string' ? config.text : '';
    const values = Array.isArray(second) ? second : config?.values;
    const operation = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? 'query';
    const parameterised = Array.isArray(values) && values.length > 0;
    return withSpan(
      `pg ${operation}`,
      {
        service,
        kind: 'client',
        attributes: {
          'db.system.name': 'postgresql',
          'db.operation.name': operation,
          ...(parameterised ? { 'db.query.text': text.slice(0, 2000) } : {}),
        },
      },
      () => original(...args) as Promise<unknown>,
    );
  };
}
