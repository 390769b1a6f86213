import { Token, tokenize, unquote } from './promql-tokens';

// Words that are part of the language, not series names. Aggregation operators are among them:
// `sum by (x) (...)` puts a clause between the operator and its parenthesis.
const KEYWORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
  'and',
  'or',
  'unless',
  'atan2',
  'bool',
  'offset',
  'inf',
  'nan',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

// These are followed by a parenthesized list of label names.
const LABEL_LIST_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

/**
 * The series names an expression reads, in order of first use, without duplicates.
 *
 * Works on PromQL and on Grafana queries that embed it: template variables are skipped, and
 * `label_values(metric, label)` yields the metric only. Names given as `{__name__="x"}` count too.
 *
 * @example
 * extractMetricNames('sum by (lock) (rate(memory_lock_acquire_total{lock=~"$lock"}[5m]))');
 * // ['memory_lock_acquire_total']
 */
export function extractMetricNames(expression: string): string[] {
  const names: string[] = [];
  collect(tokenize(expression), names);
  return [...new Set(names)];
}

function collect(tokens: Token[], names: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];

    if (token.text === '{') {
      i = readMatchers(tokens, i, names);
      continue;
    }
    if (token.text === '[') {
      i = closing(tokens, i, '[', ']');
      continue;
    }
    if (token.kind !== 'ident') continue;

    const next = tokens[i + 1];
    if (LABEL_LIST_KEYWORDS.has(token.text.toLowerCase()) && next?.text === '(') {
      i = closing(tokens, i + 1, '(', ')');
      continue;
    }
    if (token.text === 'label_values' && next?.text === '(') {
      i = readLabelValues(tokens, i + 1, names);
      continue;
    }
    if (KEYWORDS.has(token.text.toLowerCase()) || next?.text === '(') continue;

    names.push(token.text);
  }
}

// label_values(label) names no metric; label_values(selector, label) reads the selector.
function readLabelValues(tokens: Token[], open: number, names: string[]): number {
  const end = closing(tokens, open, '(', ')');
  const inside = tokens.slice(open + 1, end);

  let depth = 0;
  let comma = -1;
  for (let i = 0; i < inside.length && comma < 0; i++) {
    if (inside[i].text === '(' || inside[i].text === '{') depth++;
    if (inside[i].text === ')' || inside[i].text === '}') depth--;
    if (inside[i].text === ',' && depth === 0) comma = i;
  }

  if (comma >= 0) collect(inside.slice(0, comma), names);
  return end;
}

function readMatchers(tokens: Token[], open: number, names: string[]): number {
  const end = closing(tokens, open, '{', '}');

  for (let i = open + 1; i + 2 < end; i++) {
    const [label, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (label.text === '__name__' && op.text === '=' && value.kind === 'string') {
      names.push(unquote(value.text));
    }
  }

  return end;
}

/** Index of the token that closes the bracket at `open`, or the last index if it never closes. */
export function closing(tokens: Token[], open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === left) depth++;
    if (tokens[i].text === right) depth--;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}
