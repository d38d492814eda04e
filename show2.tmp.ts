import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
const set = parse(readFileSync('tests/interview-eval/tune/answers-b.yaml', 'utf8')) as any[];
const [q, kind] = process.argv.slice(2);
for (const x of set) if (x.question === q) for (const a of x.answers) if (a.kind === kind) console.log(`## ${q} ${kind} said ${a.said}\n${a.text}`);
