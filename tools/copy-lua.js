// Copies the Lua scripts of libs/ and apps/ next to their compiled JavaScript under dist/.
const { cpSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');

function copyLua(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') continue;
    if (statSync(path).isDirectory()) copyLua(path);
    else if (entry.endsWith('.lua')) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}

for (const top of ['libs', 'apps']) copyLua(join(root, top));
