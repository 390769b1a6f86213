import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export type Role = (typeof ROLES)[number];

export interface Turn {
  role: Role;
  content: string;
}

export interface Transcript {
  /** File name without `.json`. */
  name: string;
  title: string;
  turns: Turn[];
}

export const TRANSCRIPTS_DIR = join(__dirname, 'transcripts');

/** Loads every `*.json` conversation in `dir`, sorted by file name, and checks its shape. */
export function loadTranscripts(dir = TRANSCRIPTS_DIR): Transcript[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no transcripts (*.json) in ${dir}`);

  return files.map((file) => {
    const name = file.slice(0, -'.json'.length);
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    return parseTranscript(name, raw);
  });
}

/** Checks one parsed file: a title and a non-empty list of turns with a known role and text. */
export function parseTranscript(name: string, raw: unknown): Transcript {
  const fail = (why: string): never => {
    throw new Error(`transcript ${name}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('not an object');

  const { title, turns } = raw as { title?: unknown; turns?: unknown };
  if (typeof title !== 'string' || title.trim() === '') fail('missing title');
  if (!Array.isArray(turns) || turns.length === 0) return fail('missing turns');

  const checked = turns.map((turn: unknown, index): Turn => {
    const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
    if (!ROLES.includes(role as Role)) fail(`turn ${index}: unknown role ${String(role)}`);
    if (typeof content !== 'string' || content.trim() === '') fail(`turn ${index}: empty content`);
    return { role: role as Role, content: content as string };
  });
  return { name, title: title as string, turns: checked };
}
