import { DefaultLogger } from '@mikro-orm/core';
import type { LogContext, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import type { KyselyPlugin } from 'kysely';

/**
 * Counts the SQL statements each ORM instance sends, so tests can prove a request's statement
 * count does not grow with page size. Counting is cheap and always on.
 */
export const queryCounts = new Map<string, number>();

export function countedQueries(name: string): number {
  return queryCounts.get(name) ?? 0;
}

export class CountingLogger extends DefaultLogger {
  private readonly ormName: string;
  private readonly print: boolean;

  constructor(options: LoggerOptions, ormName: string, print: boolean) {
    super(options);
    this.ormName = ormName;
    this.print = print;
  }

  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace === 'query' || super.isEnabled(namespace, context);
  }

  override logQuery(context: { query: string } & LogContext): void {
    queryCounts.set(this.ormName, (queryCounts.get(this.ormName) ?? 0) + 1);
    if (this.print) super.logQuery(context);
  }
}

/**
 * The same count for typed reads: Kysely runs them on the request's connection but outside the
 * ORM's logger, so a plugin counts each statement as it is sent (`.withPlugin(countStatements(name))`).
 */
export function countStatements(ormName: string): KyselyPlugin {
  return {
    transformQuery(args) {
      queryCounts.set(ormName, (queryCounts.get(ormName) ?? 0) + 1);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}
