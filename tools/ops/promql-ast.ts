import { closing } from './promql-names';
import { Token, tokenize, unquote } from './promql-tokens';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'selector'; name: string; matchers: Matcher[]; rangeSeconds?: number }
  | { type: 'call'; fn: string; args: Expr[] }
  | { type: 'aggregate'; op: string; without: boolean; labels?: string[]; expr: Expr };

const AGGREGATES = new Set(['sum', 'min', 'max', 'avg', 'count']);
const FUNCTIONS = new Set(['rate', 'increase', 'histogram_quantile']);
const DURATION_UNITS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** Thrown for PromQL outside the small part the preview evaluates. */
export class UnsupportedQueryError extends Error {}

/**
 * Parses the part of PromQL the dashboard uses: selectors with matchers and ranges, `rate`,
 * `increase`, `histogram_quantile`, and `sum`/`min`/`max`/`avg`/`count` with `by` or `without`.
 * Anything else (binary operators, other functions, subqueries) throws UnsupportedQueryError.
 */
export function parseQuery(source: string): Expr {
  const tokens = tokenize(source);
  const [expr, next] = parseExpr(tokens, 0);
  if (next !== tokens.length) unsupported(`unexpected "${tokens[next].text}"`);
  return expr;
}

/** Seconds in a PromQL duration such as `5m` or `1h30m`. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    unsupported(`not a duration: ${text}`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * DURATION_UNITS[unit], 0);
}

function parseExpr(tokens: Token[], at: number): [Expr, number] {
  const token = tokens[at];
  if (!token) unsupported('expression ends too early');

  if (token.kind === 'number') return [{ type: 'number', value: Number(token.text) }, at + 1];
  if (token.kind !== 'ident') unsupported(`unexpected "${token.text}"`);

  const name = token.text.toLowerCase();
  if (AGGREGATES.has(name)) return parseAggregate(tokens, at);
  if (tokens[at + 1]?.text === '(') {
    if (!FUNCTIONS.has(name)) unsupported(`function ${token.text}`);
    const [args, next] = parseArgs(tokens, at + 1);
    return [{ type: 'call', fn: name, args }, next];
  }

  return parseSelector(tokens, at);
}

function parseAggregate(tokens: Token[], at: number): [Expr, number] {
  const op = tokens[at].text.toLowerCase();
  let next = at + 1;
  let grouping = readGrouping(tokens, next);
  next = grouping?.next ?? next;

  const [args, afterArgs] = parseArgs(tokens, next);
  if (args.length !== 1) unsupported(`${op} with ${args.length} arguments`);
  next = afterArgs;

  const trailing = grouping ? undefined : readGrouping(tokens, next);
  grouping = grouping ?? trailing;
  next = trailing?.next ?? next;

  return [
    {
      type: 'aggregate',
      op,
      without: grouping?.without ?? false,
      labels: grouping?.labels,
      expr: args[0],
    },
    next,
  ];
}

function readGrouping(tokens: Token[], at: number) {
  const word = tokens[at]?.text.toLowerCase();
  if (word !== 'by' && word !== 'without') return undefined;

  const end = closing(tokens, at + 1, '(', ')');
  const labels = tokens
    .slice(at + 2, end)
    .filter((t) => t.kind === 'ident')
    .map((t) => t.text);
  return { without: word === 'without', labels, next: end + 1 };
}

function parseArgs(tokens: Token[], open: number): [Expr[], number] {
  const args: Expr[] = [];
  let at = open + 1;

  while (tokens[at]?.text !== ')') {
    const [arg, next] = parseExpr(tokens, at);
    args.push(arg);

    const separator = tokens[next]?.text;
    if (separator === ',') at = next + 1;
    else if (separator === ')') at = next;
    else unsupported(separator === undefined ? 'unclosed (' : `unexpected "${separator}"`);
  }

  return [args, at + 1];
}

function parseSelector(tokens: Token[], at: number): [Expr, number] {
  const name = tokens[at].text;
  const matchers: Matcher[] = [];
  let next = at + 1;

  if (tokens[next]?.text === '{') {
    const end = closing(tokens, next, '{', '}');
    for (let i = next + 1; i < end; i += tokens[i + 3]?.text === ',' ? 4 : 3) {
      const [label, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (label.kind !== 'ident' || value?.kind !== 'string') unsupported('label matcher');
      matchers.push({ label: label.text, op: op.text as MatchOp, value: unquote(value.text) });
    }
    next = end + 1;
  }

  let rangeSeconds: number | undefined;
  if (tokens[next]?.text === '[') {
    if (tokens[next + 2]?.text !== ']') unsupported('subquery');
    rangeSeconds = parseDuration(tokens[next + 1].text);
    next += 3;
  }

  return [{ type: 'selector', name, matchers, rangeSeconds }, next];
}

function unsupported(what: string): never {
  throw new UnsupportedQueryError(`not supported by the preview: ${what}`);
}
