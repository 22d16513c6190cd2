import fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compiledSchema } from './parseSection';
import { sectionSchemas, type SectionName } from './schema';
import { readYaml } from './yaml';

/**
 * parseSection checks with zod's compiled fast path (z.compile). Zod
 * promises the same results and the same issues; this holds it to that on
 * every section of the examples, and on thousands of broken variants of
 * them: a leaf replaced by junk, a key dropped, an unknown key added.
 */

const EXAMPLES = resolve(__dirname, '../../../../examples');
const sections: [SectionName, unknown][] = [];
for (const dir of readdirSync(EXAMPLES)) {
  const file = resolve(EXAMPLES, dir, 'ops.yaml');
  if (!existsSync(file)) continue;
  const { value } = readYaml(readFileSync(file, 'utf8'), file);
  if (!value || typeof value !== 'object') continue;
  const raw = value as Record<string, any>;
  for (const name of Object.keys(sectionSchemas) as SectionName[]) {
    const v =
      name === 'severities' || name === 'escalation'
        ? raw.incident?.[name]
        : raw[name];
    if (v !== undefined && !(name === 'slos' && !Array.isArray(v)))
      sections.push([name, v]);
  }
}

/** Every path to a value inside `value`. */
function paths(
  value: unknown,
  at: (string | number)[] = [],
): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value))
    value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      out.push(...paths(v, [...at, k]));
  return out;
}

function mutate(
  value: unknown,
  path: (string | number)[],
  how: number,
  junk: unknown,
): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return how === 0 ? junk : copy;
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  if (how === 0) parent[last] = junk;
  else if (how === 1) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (
    parent[last] &&
    typeof parent[last] === 'object' &&
    !Array.isArray(parent[last])
  )
    parent[last].unknownField = junk;
  else parent[last] = junk;
  return copy;
}

const outcome = (r: any) =>
  r.success
    ? { data: r.data }
    : {
        issues: r.error.issues.map((i: any) => ({
          path: i.path,
          message: i.message,
          code: i.code,
        })),
      };

describe('compiled section schemas', () => {
  it('reads the examples', () => {
    expect(sections.length).toBeGreaterThan(20);
  });

  it('give what the runtime parser gives, on the examples and broken variants of them', () => {
    for (const [name, value] of sections) {
      const schema = sectionSchemas[name] as any;
      expect(outcome(compiledSchema(schema).safeParse(value))).toEqual(
        outcome(schema.safeParse(value)),
      );
    }
    fc.assert(
      fc.property(
        fc.nat(sections.length - 1),
        fc.nat(),
        fc.nat(2),
        fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string()),
        (which, pick, how, junk) => {
          const [name, value] = sections[which];
          const all = paths(value);
          const variant = mutate(value, all[pick % all.length], how, junk);
          const schema = sectionSchemas[name] as any;
          expect(outcome(compiledSchema(schema).safeParse(variant))).toEqual(
            outcome(schema.safeParse(variant)),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
