/** One lexical piece of a PromQL expression (or a Grafana query that embeds one). */
export interface Token {
  kind: 'ident' | 'number' | 'string' | 'variable' | 'punct' | 'op';
  text: string;
}

const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
// Durations (5m, 1h30m) and numbers (1, 0.5, 1e3, 0x1f) both start with a digit or a dot.
const NUMBER = /^(?:0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?(?:[a-zA-Z]+[0-9]*)*)/;
// Grafana template variables: $name, ${name}, ${name:format}, [[name]].
const VARIABLE = /^(?:\$\{[^}]*\}|\$[a-zA-Z_][a-zA-Z0-9_]*|\[\[[^\]]*\]\])/;
const OPERATOR = /^(?:==|!=|=~|!~|>=|<=|[-+*/%^<>=@])/;

/**
 * Splits an expression into tokens. Comments (`# ...`) are dropped. Unknown characters become
 * single-character punctuation, so a malformed expression still tokenizes.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source;

  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    if (rest[0] === '#') {
      const end = rest.indexOf('\n');
      rest = end < 0 ? '' : rest.slice(end);
      continue;
    }

    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const end = closingQuote(rest, quote);
      tokens.push({ kind: 'string', text: rest.slice(0, end + 1) });
      rest = rest.slice(end + 1);
      continue;
    }

    const found = matchFirst(rest);
    tokens.push(found);
    rest = rest.slice(found.text.length);
  }

  return tokens;
}

/** The value of a string token, without its quotes and with escapes resolved. */
export function unquote(token: string): string {
  const body = token.slice(1, -1);
  if (token[0] === '`') return body;
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function matchFirst(rest: string): Token {
  const variable = VARIABLE.exec(rest);
  if (variable) return { kind: 'variable', text: variable[0] };

  const ident = IDENT.exec(rest);
  if (ident) return { kind: 'ident', text: ident[0] };

  const number = NUMBER.exec(rest);
  if (number && number[0].length > 0) return { kind: 'number', text: number[0] };

  const op = OPERATOR.exec(rest);
  if (op) return { kind: 'op', text: op[0] };

  return { kind: 'punct', text: rest[0] };
}

function closingQuote(rest: string, quote: string): number {
  for (let i = 1; i < rest.length; i++) {
    if (rest[i] === '\\' && quote !== '`') {
      i++;
      continue;
    }
    if (rest[i] === quote) return i;
  }
  return rest.length - 1;
}
