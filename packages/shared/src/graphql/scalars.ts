import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(name: string, value: unknown): GraphQLError {
  return new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** An instant, always serialised in UTC (ISO 8601 with Z). */
export const DateTimeScalar: GraphQLScalarType<Date, string> = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw invalid('DateTime', value);
    return date.toISOString();
  },
  parseValue(value) {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw invalid('DateTime', value);
    return date;
  },
  parseLiteral(ast): Date {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime', 'non-string literal');
    return DateTimeScalar.parseValue(ast.value);
  },
});

function isCalendarDay(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A calendar day (YYYY-MM-DD), kept as a string so no time zone can shift it. */
export const DateScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDay(value)) return value;
    throw invalid('Date', value);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isCalendarDay(value)) throw invalid('Date', value);
    return value;
  },
  parseLiteral(ast): string {
    if (ast.kind !== Kind.STRING) throw invalid('Date', 'non-string literal');
    return DateScalar.parseValue(ast.value);
  },
});
