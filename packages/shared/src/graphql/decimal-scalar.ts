import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isDecimal, isDecimalResult } from '../money.ts';

const invalid = (value: unknown) =>
  new GraphQLError(`Decimal cannot represent ${JSON.stringify(value)}: send a string such as "1250.00"`, { extensions: { code: 'BAD_USER_INPUT' } });

/** Exact decimals travel as strings both ways; a number literal is refused (it may already have lost precision). */
export const DecimalScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize(value) {
    if (typeof value === 'string' && isDecimalResult(value)) return value;
    throw invalid(value);
  },
  parseValue(value) {
    if (typeof value === 'string' && isDecimal(value)) return value;
    throw invalid(value);
  },
  parseLiteral(ast): string {
    if (ast.kind === Kind.STRING && isDecimal(ast.value)) return ast.value;
    throw invalid(ast.kind === Kind.STRING ? ast.value : 'a non-string literal');
  },
});
