// Check Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
//
// Reads JSON on stdin: an array whose items are either a statement string or
// {"name": "...", "query": "..."}. Prints one line per statement ("ok NAME" or
// "error NAME: line:col message" for each error) and exits 1 when any statement has an
// error, 2 when the input cannot be read. Parameters ($rows, $id...) count as declared:
// values travel separately, only the statement text is checked. Cypher-shell console
// commands (:param, :use) are parsed too, so a whole .cypher script can be passed as one item.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const ERROR = 1; // DiagnosticSeverity.Error in the language server protocol

// Any parameter name reads as declared: the linter only checks syntax and semantics here.
const parameters = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? 'ANY' : undefined) });
const schema = { parameters };

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

let items;
try {
  items = JSON.parse(await readStdin());
  if (!Array.isArray(items)) throw new Error('expected a JSON array');
} catch (err) {
  console.error(`lint_cypher: cannot read statements: ${err.message}`);
  process.exit(2);
}

let failed = 0;
items.forEach((item, index) => {
  const query = typeof item === 'string' ? item : item.query;
  const name = typeof item === 'string' ? `#${index}` : (item.name ?? `#${index}`);
  const { diagnostics } = lintCypherQuery(query, schema, { consoleCommandsEnabled: true });
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  if (errors.length === 0) {
    console.log(`ok ${name}`);
    return;
  }
  failed += 1;
  for (const d of errors) {
    const where = d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : '?';
    console.log(`error ${name}: ${where} ${d.message.replace(/\s+/g, ' ')}`);
  }
});
process.exit(failed > 0 ? 1 : 0);
