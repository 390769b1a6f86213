/** One expression and where it was found, for messages. */
export interface QuerySource {
  where: string;
  expr: string;
}

/**
 * The `expr` of every rule in a Prometheus rules file.
 *
 * Reads the shape rules files have (a key `expr:` with an inline value or a `|`/`>` block), not
 * YAML in general, so the checker needs no YAML library; anchors and flow mappings are not read.
 */
export function exprsFromRulesFile(text: string): QuerySource[] {
  const lines = text.split('\n');
  const found: QuerySource[] = [];
  let rule = '(unnamed rule)';

  for (let i = 0; i < lines.length; i++) {
    const named = /^\s*(?:-\s+)?(?:alert|record):\s*(.+?)\s*$/.exec(lines[i]);
    if (named) rule = unquoteScalar(named[1]);

    const key = /^(\s*)(?:-\s+)?expr:\s*(.*?)\s*$/.exec(lines[i]);
    if (!key) continue;

    const [, indent, value] = key;
    if (/^[|>][-+]?$/.test(value)) {
      const block = readBlock(lines, i + 1, indent.length);
      found.push({ where: rule, expr: block.join('\n') });
      i += block.length;
    } else {
      found.push({ where: rule, expr: unquoteScalar(value) });
    }
  }

  return found;
}

interface DashboardPanel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: DashboardPanel[];
}

interface DashboardVariable {
  name?: string;
  type?: string;
  query?: string | { query?: string };
}

interface Dashboard {
  panels?: DashboardPanel[];
  templating?: { list?: DashboardVariable[] };
}

/** Every target `expr` of a Grafana dashboard's panels (rows included), and its query variables. */
export function exprsFromDashboard(dashboard: Dashboard): QuerySource[] {
  const found: QuerySource[] = [];

  const visit = (panels: DashboardPanel[] = []): void => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr) found.push({ where: `panel "${panel.title ?? ''}"`, expr: target.expr });
      }
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);

  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type !== 'query') continue;
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    if (query) found.push({ where: `variable $${variable.name ?? ''}`, expr: query });
  }

  return found;
}

function readBlock(lines: string[], start: number, keyIndent: number): string[] {
  const block: string[] = [];

  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && indent <= keyIndent) break;
    block.push(line);
  }

  while (block.length > 0 && block[block.length - 1].trim() === '') block.pop();
  return block;
}

function unquoteScalar(value: string): string {
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return value.replace(/\s+#.*$/, '');
}
