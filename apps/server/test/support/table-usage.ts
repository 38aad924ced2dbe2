import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The Kysely builder methods whose first argument names a table. */
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'mergeInto',
]);

/** Table names after these words in raw SQL (`sql` templates); `for update` is a lock, not a table. */
const SQL_TABLE =
  /\b(?:from|join|into|(?<!for\s+)update|table(?:\s+if\s+not\s+exists)?)\s+("?)([a-z_][a-z0-9_]*)\1/gi;
/** Names a query defines for itself (`with [recursive] name [(columns)] as (`). */
const SQL_CTE = /(?:\bwith\s+(?:recursive\s+)?|,\s*)([a-z_][a-z0-9_]*)\s*(?:\([^)]*\))?\s+as\s*\(/gi;

export interface TableUse {
  /** Path relative to the source root, with forward slashes. */
  file: string;
  table: string;
  line: number;
}

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `'orgUnits as u'` → `org_units`; a table-less argument (a subquery, a callback) → undefined. */
function tableOf(text: string): string | undefined {
  const name = text
    .trim()
    .split(/\s+as\s+/i)[0]
    ?.trim();
  return name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? snakeCase(name) : undefined;
}

function stringsOf(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap(stringsOf);
  return [];
}

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ${} ');
}

/** Every table a source file names in a Kysely call or in a raw `sql` template. */
export function tablesUsedIn(file: string, text: string): TableUse[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: TableUse[] = [];
  const add = (table: string | undefined, node: ts.Node) => {
    if (!table) return;
    uses.push({ file, table, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const [first] = node.arguments;
      if (TABLE_METHODS.has(method) && first) for (const s of stringsOf(first)) add(tableOf(s), first);
    }
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(source);
      if (tag === 'sql' || tag.startsWith('sql.')) {
        const text = templateText(node.template);
        const own = new Set([...text.matchAll(SQL_CTE)].map((m) => m[1]?.toLowerCase()));
        for (const match of text.matchAll(SQL_TABLE)) {
          const table = match[2]?.toLowerCase();
          if (!own.has(table)) add(table, node);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Every .ts file under `root` (tests and declaration files included), relative, with forward slashes. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        out.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** The tables the migrations create. */
export function migrationTables(migrationsDir: string): string[] {
  const tables = new Set<string>();
  for (const name of fs
    .readdirSync(migrationsDir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    const text = fs.readFileSync(path.join(migrationsDir, name), 'utf8');
    for (const m of text.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) {
      tables.add(m[1]!.toLowerCase());
    }
  }
  return [...tables].sort();
}
